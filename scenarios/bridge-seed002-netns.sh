#!/bin/bash
# Seed 002, "一个稍微复杂的网络环境": the bridge lives in its own namespace "bridge", created with
# brctl there; net0 and net1 reach each other through it. Expected lines from bridge-utils 1.7,
# iproute2 6.1 and iputils 20221126.
#
#     net0                     bridge                      net1
#  net0-bridge ─── bridge-net0 ┐        ┌ bridge-net1 ─── net1-bridge
#  10.0.1.1/24                 br (brctl)                   10.0.1.2/24

ip netns add net0
ip netns add net1
ip netns add bridge
ip link add type veth
ip link set dev veth0 name net0-bridge netns net0
ip link set dev veth1 name bridge-net0 netns bridge
ip link add type veth
ip link set dev veth0 name net1-bridge netns net1
ip link set dev veth1 name bridge-net1 netns bridge

ip netns exec bridge brctl addbr br
ip netns exec bridge ip link set dev br up
ip netns exec bridge ip link set dev bridge-net0 up
ip netns exec bridge ip link set dev bridge-net1 up
ip netns exec bridge brctl addif br bridge-net0
ip netns exec bridge brctl addif br bridge-net1

ip netns exec net0 ip link set dev net0-bridge up
ip netns exec net0 ip address add 10.0.1.1/24 dev net0-bridge
ip netns exec net1 ip link set dev net1-bridge up
ip netns exec net1 ip address add 10.0.1.2/24 dev net1-bridge

ip netns exec bridge brctl show
# expect: bridge name	bridge id		STP enabled	interfaces
# expect: br		8000.*	no		bridge-net0
# expect: 							bridge-net1
# netsim: known-difference the bridge id ends in the bridge's address, taken from a random veth address
# The bridge is not in the host's namespace.
brctl show
# expect-not: br	*

ip netns exec net0 ping -c 3 10.0.1.2
# expect: PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.
# expect: 64 bytes from 10.0.1.2: icmp_seq=1 ttl=64 time={time} ms
# expect: 64 bytes from 10.0.1.2: icmp_seq=2 ttl=64 time={time} ms
# expect: 64 bytes from 10.0.1.2: icmp_seq=3 ttl=64 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
ip netns exec net1 ping -c 1 10.0.1.1
# expect: 1 packets transmitted, 1 received, 0% packet loss, time 0ms

ip netns exec bridge bridge link show
# expect: *: bridge-net0@*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br state forwarding priority 32 cost 2
# expect: *: bridge-net1@*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br state forwarding priority 32 cost 2
ip netns exec bridge bridge fdb show br br
# expect: {mac} dev bridge-net0 master br
# expect: {mac} dev bridge-net0 master br permanent
# netsim: known-difference the kernel also lists the devices' own multicast address lists (self entries), which NetSim does not model
