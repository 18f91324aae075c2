#!/bin/bash
# Seed 001's router without forwarding: routes are in place, but ns-router's ip_forward is 0
# (a new namespace copies the initial namespace's 0), so it drops what it should forward,
# silently. ping sends its three probes, lingers 10 s for an answer, and exits 1.
# Transcript as iputils 20221126 printed it on Linux 6.18 (3.0 s of probes + 10 s of linger).
#
#   ns0                       ns-router (ip_forward=0)        ns1
#   +-----------------+      +-------------------------+      +-----------------+
#   | veth0           |------| veth1         veth3     |------| veth2           |
#   | 192.168.0.2/24  | veth | 192.168.0.1   192.168.1.1| veth | 192.168.1.2/24  |
#   +-----------------+      +-------------------------+      +-----------------+

ip netns add ns0
ip netns add ns1
ip netns add ns-router

ip link add type veth
ip link add type veth
ip link set veth0 netns ns0
ip link set veth1 netns ns-router
ip link set veth2 netns ns1
ip link set veth3 netns ns-router

ip netns exec ns0 ip addr add 192.168.0.2/24 dev veth0
ip netns exec ns-router ip addr add 192.168.0.1/24 dev veth1
ip netns exec ns1 ip addr add 192.168.1.2/24 dev veth2
ip netns exec ns-router ip addr add 192.168.1.1/24 dev veth3
ip netns exec ns0 ip link set veth0 up
ip netns exec ns-router ip link set veth1 up
ip netns exec ns-router ip link set veth3 up
ip netns exec ns1 ip link set veth2 up
ip netns exec ns0 ip route add 192.168.1.0/24 via 192.168.0.1
ip netns exec ns1 ip route add 192.168.0.0/24 via 192.168.1.1

ip netns exec ns-router sysctl -w net.ipv4.ip_forward=0
# expect: net.ipv4.ip_forward = 0

ip netns exec ns0 ping 192.168.1.2 -c 3
# expect: PING 192.168.1.2 (192.168.1.2) 56(84) bytes of data.
# expect: 
# expect: --- 192.168.1.2 ping statistics ---
# expect: 3 packets transmitted, 0 received, 100% packet loss, time {n}ms
# expect-not: 64 bytes*
# expect-not: From*
# expect-status: 1

# The router still answers for its own addresses, forwarding or not.
ip netns exec ns0 ping 192.168.0.1 -c 1
# expect: 64 bytes from 192.168.0.1: icmp_seq=1 ttl=64 time={time} ms
# expect-status: 0

# Turning forwarding on brings the far side in reach.
ip netns exec ns-router sysctl -w net.ipv4.ip_forward=1
ip netns exec ns0 ping 192.168.1.2 -c 2
# expect: 64 bytes from 192.168.1.2: icmp_seq=1 ttl=63 time={time} ms
# expect: 2 packets transmitted, 2 received, 0% packet loss, time {n}ms
# expect-status: 0

ip netns del ns0
ip netns del ns1
ip netns del ns-router
