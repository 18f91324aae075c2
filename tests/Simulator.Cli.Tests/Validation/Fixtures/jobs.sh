#!/bin/bash
# Validation fixture for background jobs: two pings that end by themselves (wait), one stopped
# with SIGINT (kill -INT), one with SIGTERM (kill), one that cannot start, one stopped with
# pkill, and one left running that the validator ends when the script ends. The addresses are unusual so that a test can tell the jobs' processes.
#
#   j1 10.231.77.1/24 --- v1 veth v2 --- 10.231.77.2/24 j2

ip netns add j1
ip netns add j2
ip link add v1 netns j1 type veth peer name v2 netns j2
ip -n j1 addr add 10.231.77.1/24 dev v1
ip -n j1 link set v1 up
ip -n j2 addr add 10.231.77.2/24 dev v2
ip -n j2 link set v2 up

ip netns exec j1 ping -c 2 -i 0.3 10.231.77.2 &
# expect: PING 10.231.77.2 (10.231.77.2) 56(84) bytes of data.
ip netns exec j2 ping -c 3 -i 0.3 10.231.77.1 &
wait
# expect: 2 packets transmitted, 2 received, 0% packet loss, time {time}ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {time}ms

ip netns exec j1 ping -i 0.4 10.231.77.2 &
sleep 1
kill -INT %%
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {time}ms
wait %%
# expect-status: 0

ip netns exec j2 ping -i 0.4 10.231.77.1 &
sleep 0.5
kill %%
wait %%
# expect-status: 143

# A job that ends as it starts (no route): the kernel's is waited for at once.
ip netns exec j1 ping -c 1 192.0.2.1 &
# expect: ping: connect: Network is unreachable

# pkill signals the model's processes by name; the kernel's job gets the same signal (the
# validator never runs a real pkill, which would reach the machine's processes).
ip netns exec j1 ping -i 0.4 10.231.77.2 &
sleep 0.5
pkill -INT ping
# expect: 2 packets transmitted, 2 received, 0% packet loss, time {time}ms
wait %%

ip netns exec j2 ping -i 0.5 10.231.77.1 &
sleep 1.2
