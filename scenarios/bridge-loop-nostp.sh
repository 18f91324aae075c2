#!/bin/bash
# Two bridges joined twice with STP off: a forwarding loop. The first broadcast (h1's ARP
# request for h2) comes back to each bridge through the other link, forever, and the stations'
# addresses flap between ports. NetSim stops the run when its event budget is spent and says a
# loop is the likely cause (a real machine spins at 100% CPU instead; not run on one for that
# reason). bridge-loop-stp.sh is the same topology with STP on.
#
#   h1 ── br0 ══ p1 ─ q1 ══ br1 ── h2
#  (swA)     ══ p2 ─ q2 ══     (swB)
#
# netsim: event-budget 2000000
ip netns add swA
ip netns add swB
ip netns add h1
ip netns add h2
ip netns exec swA ip link add br0 type bridge
ip netns exec swB ip link add br1 type bridge
# pa first, so that p1 and q1 (and p2, q2) get different interface indexes: a kernel delays the
# carrier news of a veth whose peer has its own index number by up to a second (linkwatch).
ip netns exec swA ip link add pa type veth peer name eth0 netns h1
ip netns exec swA ip link add p1 type veth peer name q1 netns swB
ip netns exec swA ip link add p2 type veth peer name q2 netns swB
ip netns exec swB ip link add pb type veth peer name eth0 netns h2
for p in p1 p2 pa; do
  ip netns exec swA ip link set $p master br0
  ip netns exec swA ip link set $p up
done
for p in q1 q2 pb; do
  ip netns exec swB ip link set $p master br1
done
ip netns exec swA ip link set br0 up
ip netns exec swB ip link set br1 up
ip netns exec h1 ip addr add 10.0.0.1/24 dev eth0
ip netns exec h1 ip link set eth0 up
ip netns exec h2 ip addr add 10.0.0.2/24 dev eth0
ip netns exec h2 ip link set eth0 up
ip netns exec swB ip link set pb up
ip netns exec swB ip link set q1 up
# The loop closes here. (On a real kernel, as netsim validate runs this, the bridges' own IGMP
# reports start circulating too; the run ends two commands later, before the ping.)
ip netns exec swB ip link set q2 up

# STP is off: every port forwards at once.
ip netns exec swB bridge link show
# expect: *: q1*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br1 state forwarding priority 32 cost 2
# expect: *: q2*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br1 state forwarding priority 32 cost 2

ip netns exec h1 ping -c 1 10.0.0.2
# expect: netsim: *the simulation ran * events in one command without settling*forwarding loop*
# netsim: known-difference NetSim stops the run here and says why; netsim validate does not give the kernel the ping, whose storm would only keep its CPUs busy
