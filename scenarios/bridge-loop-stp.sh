#!/bin/bash
# The loop of bridge-loop-nostp.sh with 802.1D spanning tree on. br0 has the lower bridge id
# and becomes root; br1's second link (q2) blocks about a second in, when br0's first hello
# arrives; the other ports listen for the forward delay (15 s), learn for another, then
# forward, and the loop carries no storm. Port states and dmesg lines as measured on Linux 6.18
# in namespaces with the same addresses.
#
#   h1 ── br0 ══ p1 ─ q1 ══ br1 ── h2
#  (swA)     ══ p2 ─ q2 ══     (swB)
#
# netsim: event-budget 2000000

ip netns add swA
ip netns add swB
ip netns add h1
ip netns add h2
ip netns exec swA ip link add br0 address 02:00:00:00:00:0a type bridge
ip netns exec swB ip link add br1 address 02:00:00:00:00:0b type bridge
ip netns exec swA ip link set br0 type bridge stp_state 1
ip netns exec swB brctl stp br1 on
ip netns exec swA ip link add p1 type veth peer name q1 netns swB
ip netns exec swA ip link add p2 type veth peer name q2 netns swB
ip netns exec swA ip link add pa type veth peer name eth0 netns h1
ip netns exec swB ip link add pb type veth peer name eth0 netns h2
for p in p1 p2 pa; do
  ip netns exec swA ip link set $p master br0
  ip netns exec swA ip link set $p up
done
for p in q1 q2 pb; do
  ip netns exec swB ip link set $p master br1
  ip netns exec swB ip link set $p up
done
ip netns exec h1 ip addr add 10.0.0.1/24 dev eth0
ip netns exec h1 ip link set eth0 up
ip netns exec h2 ip addr add 10.0.0.2/24 dev eth0
ip netns exec h2 ip link set eth0 up
ip netns exec swA ip link set br0 up
ip netns exec swB ip link set br1 up

ip netns exec swA brctl show
# expect: br0		8000.02000000000a	yes		p1
sleep 3
ip netns exec swB bridge link show
# expect: *: q1*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br1 state listening priority 32 cost 2
# expect: *: q2*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br1 state blocking priority 32 cost 2
# No port forwards yet, so the bridges have no carrier.
ip netns exec swA ip link show br0
# expect: *: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000

# While listening and learning nothing is forwarded.
ip netns exec h1 ping -c 1 -W 1 10.0.0.2
# expect: 1 packets transmitted, 0 received, 100% packet loss, time 0ms

sleep 13
ip netns exec swA bridge link show dev p1
# expect: *: p1*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state learning priority 32 cost 2
sleep 15
ip netns exec swA bridge link show
# expect: *: p1*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
# expect: *: p2*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2
ip netns exec swB bridge link show
# expect: *: q1*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br1 state forwarding priority 32 cost 2
# expect: *: q2*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br1 state blocking priority 32 cost 2

ip netns exec swB brctl showstp br1
# expect:  designated root	8000.02000000000a
# expect:  root port		   1			path cost		   2
# expect: q2 (2)
# expect:  port id		8002			state		       blocking
# netsim: known-difference STP timers (message age, gc) count the kernel's real time, here simulated time

# The loop is harmless now.
ip netns exec h1 ping -c 3 10.0.0.2
# expect: 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms

dmesg | grep "br[01]:"
# expect: [*] br0: port 1(p1) entered listening state
# expect: [*] br1: port 2(q2) entered blocking state
# expect: [*] br0: port 1(p1) entered learning state
# expect: [*] br0: port 1(p1) entered forwarding state
# expect: [*] br0: topology change detected, propagating
# br1 is designated for h2's segment, so it tells the root with a TCN BPDU.
# expect: [*] br1: topology change detected, sending tcn bpdu
