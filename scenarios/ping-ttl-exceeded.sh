#!/bin/bash
# ping -t 1 across a router: the router may not forward a packet whose TTL would reach 0, and
# answers "time exceeded" from the address facing the sender. With -t 2 the probe goes through.
# Transcripts as iputils 20221126 printed them on Linux 6.18.
#
#   client                    router                         server
#   +----------------+       +---------------------------+       +----------------+
#   | c0 10.0.0.2/24 |-------| r0 10.0.0.1  r1 10.0.1.1  |-------| s0 10.0.1.2/24 |
#   +----------------+ veth  +---------------------------+ veth  +----------------+

ip netns add client
ip netns add router
ip netns add server
ip link add c0 netns client type veth peer name r0 netns router
ip link add r1 netns router type veth peer name s0 netns server
ip -n client addr add 10.0.0.2/24 dev c0
ip -n router addr add 10.0.0.1/24 dev r0
ip -n router addr add 10.0.1.1/24 dev r1
ip -n server addr add 10.0.1.2/24 dev s0
ip -n client link set c0 up
ip -n router link set r0 up
ip -n router link set r1 up
ip -n server link set s0 up
ip -n client route add default via 10.0.0.1
ip -n server route add default via 10.0.1.1
ip netns exec router sysctl -w net.ipv4.ip_forward=1
# expect: net.ipv4.ip_forward = 1

ip netns exec client ping -c 1 -t 1 10.0.1.2
# expect: PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.
# expect: From 10.0.0.1 icmp_seq=1 Time to live exceeded
# expect: 
# expect: --- 10.0.1.2 ping statistics ---
# expect: 1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms
# expect-status: 1

ip netns exec client ping -c 2 -t 1 10.0.1.2
# expect: From 10.0.0.1 icmp_seq=1 Time to live exceeded
# expect: From 10.0.0.1 icmp_seq=2 Time to live exceeded
# expect: 2 packets transmitted, 0 received, +2 errors, 100% packet loss, time {n}ms
# expect-status: 1

ip netns exec client ping -c 1 -t 2 10.0.1.2
# expect: 64 bytes from 10.0.1.2: icmp_seq=1 ttl=63 time={time} ms
# expect-status: 0

# A destination the router has no route for: it says "net unreachable".
ip netns exec client ping -c 1 10.9.9.9
# expect: From 10.0.0.1 icmp_seq=1 Destination Net Unreachable
# expect-status: 1

ip netns del client
ip netns del router
ip netns del server
