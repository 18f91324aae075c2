#!/bin/bash
# Ageing: the bridge forgets a station it has not heard from for the ageing time (here 10 s,
# set as 1000 centiseconds), and brctl showmacs shows the time since it was last heard. Time is
# simulated: "sleep" costs nothing. (On a real machine IPv6 neighbour discovery keeps stations
# talking, so this needs IPv6 off there; NetSim does not model IPv6.)
#
#   a 10.0.0.1 ── va ┐
#                    br0 (ageing_time 1000)
#   b 10.0.0.2 ── vb ┘

ip netns add a
ip netns add b
ip link add br0 type bridge ageing_time 1000
ip link set br0 up
ip link add va type veth peer name eth0 netns a
ip link add vb type veth peer name eth0 netns b
for v in va vb; do ip link set $v master br0; ip link set $v up; done
ip netns exec a ip addr add 10.0.0.1/24 dev eth0
ip netns exec a ip link set eth0 up
ip netns exec b ip addr add 10.0.0.2/24 dev eth0
ip netns exec b ip link set eth0 up

ip -d link show br0 | grep -o "ageing_time [0-9]*"
# expect: ageing_time 1000
# netsim: known-difference the collector's gc_timer counts down in real time on the kernel, in simulated time here
cat /sys/class/net/br0/bridge/ageing_time
# expect: 1000

ip netns exec a ping -c 1 10.0.0.2
# expect: 1 packets transmitted, 1 received, 0% packet loss, time 0ms

# Both stations are learned. b answered a's ARP request from a STALE entry; five seconds
# later (delay_first_probe_time) it checks a with a unicast ARP probe, and a's answer is the
# last frame either sends: the timers count from there.
sleep 6
brctl showmacs br0 | grep "^  1.*no"
# About a second since the last frame:
# expect:   1	{mac}	no		   {time}
# netsim: known-difference ageing timers count the kernel's real time (here simulated time), and lines sort by MAC addresses, which are random
brctl showmacs br0 | grep "^  2.*no"
# expect:   2	{mac}	no		   {time}
# netsim: known-difference ageing timers count the kernel's real time (here simulated time), and lines sort by MAC addresses, which are random
bridge fdb show br br0
# expect: {mac} dev va master br0
# expect: {mac} dev vb master br0
# netsim: known-difference the kernel also lists the devices' own multicast address lists (self entries), which NetSim does not model

sleep 3
brctl showmacs br0 | grep "^  1.*no"
# About four seconds:
# expect:   1	{mac}	no		   {time}
# netsim: known-difference ageing timers count the kernel's real time (here simulated time), and lines sort by MAC addresses, which are random

# Ten seconds after the last frame they are gone; the ports' own addresses stay.
sleep 7
brctl showmacs br0
# expect-not: *	no	*
# expect: port no	mac addr		is local?	ageing timer
# netsim: known-difference lines sort by MAC address, and the ports' addresses are random
brctl showmacs br0 | grep -c yes
# expect: 2
# netsim: known-difference lines sort by MAC address, and the ports' addresses are random
bridge fdb show br br0
# expect-not: *master br0
# netsim: known-difference the kernel also lists the devices' own multicast address lists (self entries), which NetSim does not model

# The default is 300 s (30000 cs); brctl takes seconds.
brctl setageing br0 300
cat /sys/class/net/br0/bridge/ageing_time
# expect: 30000
