#!/bin/bash
# Validation fixture for the cleanup tests: makes namespaces on the kernel, then waits long
# enough to be killed midway.
ip netns add red
ip netns add blue
sleep 30
