#!/bin/bash
# A ping to an address on the local subnet that nobody holds. ARP asks three times, a second
# apart, then gives up, and the kernel reports "host unreachable" for each waiting probe to
# its sender — itself, through lo. With lo up ping prints those errors; with lo down (as in a
# new namespace) they cannot be delivered and ping only sees silence.
# Transcripts as iputils 20221126 printed them on Linux 6.18.
#
#   with-lo (lo up)                 without-lo (lo down)
#   +-----------------+            +-----------------+
#   | veth0 10.0.0.1  |----veth----| veth1 10.0.0.2  |       nobody at 10.0.0.9
#   +-----------------+            +-----------------+

ip netns add with-lo
ip netns add without-lo
ip link add veth0 netns with-lo type veth peer name veth1 netns without-lo
ip -n with-lo addr add 10.0.0.1/24 dev veth0
ip -n without-lo addr add 10.0.0.2/24 dev veth1
ip -n with-lo link set veth0 up
ip -n without-lo link set veth1 up
ip -n with-lo link set lo up

ip netns exec with-lo ping -c 3 10.0.0.9
# expect: PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.
# expect: From 10.0.0.1 icmp_seq=1 Destination Host Unreachable
# expect: From 10.0.0.1 icmp_seq=2 Destination Host Unreachable
# expect: From 10.0.0.1 icmp_seq=3 Destination Host Unreachable
# expect: 
# expect: --- 10.0.0.9 ping statistics ---
# expect: 3 packets transmitted, 0 received, +3 errors, 100% packet loss, time {n}ms
# expect: pipe 3
# expect-status: 1

ip netns exec with-lo ip neigh show 10.0.0.9
# expect: 10.0.0.9 dev veth0 FAILED

# lo down: the errors are generated but die on the way to ping; it lingers 10 s and gives up.
ip netns exec without-lo ping -c 3 10.0.0.9
# expect: PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.
# expect: 
# expect: --- 10.0.0.9 ping statistics ---
# expect: 3 packets transmitted, 0 received, 100% packet loss, time {n}ms
# expect-not: From*
# expect-status: 1

# The neighbour still answers.
ip netns exec without-lo ping -c 1 10.0.0.1
# expect: 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time={time} ms
# expect-status: 0

ip netns del with-lo
ip netns del without-lo
