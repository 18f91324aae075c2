#!/bin/bash
# Seed 002, first part: a namespace, a veth pair across it, addresses, links up.
# Expected lines are what iproute2 6.1 printed for the same commands on Linux 6.18
# (namespace names differ there; MACs are random, hence {mac}).
#
#   initial namespace                nstest
#   +----------------+            +----------------+
#   | veth-a         |------------| veth-b         |
#   | 10.0.0.1/24    |    veth    | 10.0.0.2/24    |
#   +----------------+            +----------------+
#
# ping both ways (seed 002) is left to the ping scenarios: ping is not in this branch yet.

ip netns add nstest
ip netns list
# expect: nstest

# A new namespace has only lo, and it is down.
ip netns exec nstest ip addr
# expect: 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN group default qlen 1000
# expect:     link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
ip netns exec nstest ip link set dev lo up
ip netns exec nstest ip link
# expect: 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000

# The kernel registers the peer first: veth-b gets the lower index.
ip link add veth-a type veth peer name veth-b
ip link
# expect: 1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
# expect: 2: veth-b@veth-a: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
# expect:     link/ether {mac} brd ff:ff:ff:ff:ff:ff
# expect: 3: veth-a@veth-b: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000

ip link set veth-b netns nstest
ip link
# expect: 3: veth-a@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
# expect:     link/ether {mac} brd ff:ff:ff:ff:ff:ff link-netns nstest
# expect-not: 2: veth-b*
ip netns exec nstest ip link
# expect: 2: veth-b@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
# expect:     link/ether {mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0

ip addr add 10.0.0.1/24 dev veth-a
ip link set dev veth-a up
# Up without carrier (the peer is down): a stacked device reads LOWERLAYERDOWN.
ip link show veth-a
# expect: 3: veth-a@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000
ip route
# expect: 10.0.0.0/24 dev veth-a proto kernel scope link src 10.0.0.1 linkdown

ip netns exec nstest ip addr add 10.0.0.2/24 dev veth-b
ip netns exec nstest ip link set dev veth-b up

ip addr
# expect: 3: veth-a@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
# expect:     link/ether {mac} brd ff:ff:ff:ff:ff:ff link-netns nstest
# expect:     inet 10.0.0.1/24 scope global veth-a
# expect:        valid_lft forever preferred_lft forever
ip netns exec nstest ip addr
# expect: 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
# expect:     inet 127.0.0.1/8 scope host lo
# expect: 2: veth-b@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
# expect:     inet 10.0.0.2/24 scope global veth-b
ip route
# expect: 10.0.0.0/24 dev veth-a proto kernel scope link src 10.0.0.1
ip netns exec nstest ip route
# expect: 10.0.0.0/24 dev veth-b proto kernel scope link src 10.0.0.2
ip route get 10.0.0.2
# expect: 10.0.0.2 dev veth-a src 10.0.0.1 uid 0
# expect:     cache

ip -d link show veth-a
# expect: 3: veth-a@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
# expect:     link/ether {mac} brd ff:ff:ff:ff:ff:ff link-netns nstest promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535
# expect:     veth addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536

# Seed 002's bridge part renames and moves in one command.
ip netns add net0
ip link add veth0 type veth peer name veth1
ip link set dev veth0 name net0-bridge netns net0
# veth1 (the peer) took index 4 and veth0 index 5, which it keeps in net0 (free there).
ip netns exec net0 ip link show net0-bridge
# expect: 5: net0-bridge@if4: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000

ip netns delete net0
ip netns delete nstest
ip netns list
# expect-not: nstest
ip link
# expect-not: *veth-a*
