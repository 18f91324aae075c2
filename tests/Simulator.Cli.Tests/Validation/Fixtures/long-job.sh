#!/bin/bash
# Validation fixture for the cleanup tests: a ping left running in the background (its address
# is unusual so that a test can find the process), then a wait long enough to be killed midway.
ip netns add red
ip link add v0 netns red type veth peer name v1 netns red
ip -n red addr add 10.231.78.1/24 dev v0
ip -n red link set v0 up
ip -n red link set v1 up
ip netns exec red ping -i 0.5 10.231.78.1 &
sleep 30
