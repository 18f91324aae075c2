#!/bin/bash
# Seed 001, "使用路由连接两个namespace": a namespace as a router between two subnets.
# Without routes, ns0 cannot even send ("connect: Network is unreachable", exit 2); with
# them, replies come back through the router with ttl=63. Transcripts as iputils 20221126
# printed them on Linux 6.18 for the same topology (times are {time}).
#
#   ns0                       ns-router                       ns1
#   +-----------------+      +-------------------------+      +-----------------+
#   | veth0           |------| veth1         veth3     |------| veth2           |
#   | 192.168.0.2/24  | veth | 192.168.0.1   192.168.1.1| veth | 192.168.1.2/24  |
#   +-----------------+      +-------------------------+      +-----------------+
#
# The author enabled forwarding in the host first (sysctl.conf): a namespace copies the
# initial namespace's ip_forward when it is created, so ns-router forwards.

sysctl -w net.ipv4.ip_forward=1
# expect: net.ipv4.ip_forward = 1

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

ip netns exec ns-router sysctl net.ipv4.ip_forward
# expect: net.ipv4.ip_forward = 1

# No route to the other subnet: the probe socket's connect() fails before anything is sent.
ip netns exec ns0 ping 192.168.1.1 -c 3
# expect: *connect: Network is unreachable
# expect-not: PING*
# expect-status: 2
ip netns exec ns0 ping 192.168.1.2 -c 3
# expect: *connect: Network is unreachable
# expect-status: 2

ip netns exec ns0 ip route add 192.168.1.0/24 via 192.168.0.1
ip netns exec ns1 ip route add 192.168.0.0/24 via 192.168.1.1

ip netns exec ns0 ping 192.168.1.2 -c 3
# expect: PING 192.168.1.2 (192.168.1.2) 56(84) bytes of data.
# expect: 64 bytes from 192.168.1.2: icmp_seq=1 ttl=63 time={time} ms
# expect: 64 bytes from 192.168.1.2: icmp_seq=2 ttl=63 time={time} ms
# expect: 64 bytes from 192.168.1.2: icmp_seq=3 ttl=63 time={time} ms
# expect: 
# expect: --- 192.168.1.2 ping statistics ---
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
# expect: rtt min/avg/max/mdev = {time}/{time}/{time}/{time} ms
# expect-status: 0

ip netns exec ns1 ping 192.168.0.2 -c 3
# expect: PING 192.168.0.2 (192.168.0.2) 56(84) bytes of data.
# expect: 64 bytes from 192.168.0.2: icmp_seq=1 ttl=63 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
# expect-status: 0

# The router's own far address answers directly: one hop, ttl=64.
ip netns exec ns0 ping 192.168.1.1 -c 1
# expect: 64 bytes from 192.168.1.1: icmp_seq=1 ttl=64 time={time} ms
# expect-status: 0

ip netns del ns0
ip netns del ns1
ip netns del ns-router
