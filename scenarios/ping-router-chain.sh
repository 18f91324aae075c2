#!/bin/bash
# Two routers in a chain: each forwarding hop takes one off the TTL, so the far host's replies
# arrive with ttl=62 and those of the second router with ttl=63. Transcripts as iputils
# 20221126 printed them on Linux 6.18.
#
#   h1             r1                          r2                          h2
#   +----------+  +-------------------------+  +-------------------------+  +----------+
#   | eth0     |--| r1-h1        r1-r2      |--| r2-r1        r2-h2      |--| eth0     |
#   | 10.1.0.2 |  | 10.1.0.1     10.12.0.1  |  | 10.12.0.2    10.2.0.1   |  | 10.2.0.2 |
#   +----------+  +-------------------------+  +-------------------------+  +----------+
#
# (Devices are not named "a" or "b": iproute2 takes those for abbreviations of "address" and
# "broadcast".)

for ns in h1 r1 r2 h2; do ip netns add $ns; done
ip link add eth0 netns h1 type veth peer name r1-h1 netns r1
ip link add r1-r2 netns r1 type veth peer name r2-r1 netns r2
ip link add r2-h2 netns r2 type veth peer name eth0 netns h2

ip -n h1 addr add 10.1.0.2/24 dev eth0
ip -n r1 addr add 10.1.0.1/24 dev r1-h1
ip -n r1 addr add 10.12.0.1/24 dev r1-r2
ip -n r2 addr add 10.12.0.2/24 dev r2-r1
ip -n r2 addr add 10.2.0.1/24 dev r2-h2
ip -n h2 addr add 10.2.0.2/24 dev eth0
for ns in h1 h2; do ip -n $ns link set eth0 up; done
ip -n r1 link set r1-h1 up
ip -n r1 link set r1-r2 up
ip -n r2 link set r2-r1 up
ip -n r2 link set r2-h2 up
ip netns exec r1 sysctl -qw net.ipv4.ip_forward=1
ip netns exec r2 sysctl -qw net.ipv4.ip_forward=1

ip -n h1 route add default via 10.1.0.1
ip -n h2 route add default via 10.2.0.1
ip -n r1 route add 10.2.0.0/24 via 10.12.0.2
ip -n r2 route add 10.1.0.0/24 via 10.12.0.1

ip netns exec h1 ping -c 3 10.2.0.2
# expect: PING 10.2.0.2 (10.2.0.2) 56(84) bytes of data.
# expect: 64 bytes from 10.2.0.2: icmp_seq=1 ttl=62 time={time} ms
# expect: 64 bytes from 10.2.0.2: icmp_seq=2 ttl=62 time={time} ms
# expect: 64 bytes from 10.2.0.2: icmp_seq=3 ttl=62 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
# expect-status: 0

ip netns exec h2 ping -c 1 10.1.0.2
# expect: 64 bytes from 10.1.0.2: icmp_seq=1 ttl=62 time={time} ms
# expect-status: 0

# r2's address on the far link is one forwarding hop away.
ip netns exec h1 ping -c 1 10.2.0.1
# expect: 64 bytes from 10.2.0.1: icmp_seq=1 ttl=63 time={time} ms
# expect-status: 0

# With ttl 2 the probe dies at r2, which says so from its address towards h1.
ip netns exec h1 ping -c 1 -t 2 10.2.0.2
# expect: From 10.12.0.2 icmp_seq=1 Time to live exceeded
# expect: 1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms
# expect-status: 1

for ns in h1 r1 r2 h2; do ip netns del $ns; done
