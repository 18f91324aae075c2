#!/bin/bash
# Seed 000: br1 bridges the host's eth0 to a namespace, so ns2 sits on the host's LAN
# (192.168.1.0/24, with host2 and the gateway) with an address of its own, and the host's
# address moves from eth0 to br1. The bridge puts its ports in promiscuous mode, and a user's
# "-promisc" does not release that hold (the seed's observation). The seed's iptables FORWARD
# rules (-m physdev) come with bridge netfilter and are left out here. Two slips of the seed are
# corrected: "brctl addif eth0 br1" has its arguments reversed, and veth1 is never brought up.
# Expected lines from bridge-utils 1.7, net-tools 2.10, iputils 20221126; dmesg words them as
# Linux 6.18 does ("veth1: entered promiscuous mode"; the seed's older kernel printed "device
# veth1 entered promiscuous mode").
#
#   ns2: veth2 192.168.1.88 ── veth1 ┐
#                                    br1 192.168.1.87 ── eth0 ══ switch ══ host2   192.168.1.100
#                                                                       ══ gateway 192.168.1.1
#
# netsim: uplink eth0 192.168.1.87/24 gateway 192.168.1.1
# netsim: lan-host host2 192.168.1.100/24

ip netns add ns2
ip link add veth1 type veth peer name veth2
ip link set veth2 netns ns2

brctl addbr br1
brctl addif br1 eth0
ifconfig eth0 0.0.0.0
ifconfig br1 192.168.1.87/24 up
brctl addif br1 veth1
ip link set veth1 up
ip netns exec ns2 ifconfig veth2 192.168.1.88/24 up
ip netns exec ns2 route add default gw 192.168.1.1

brctl show br1
# expect: br1		8000.*	no		eth0
# expect: 							veth1
# netsim: known-difference the bridge id is the lowest port address, and veth1's is random

ip netns exec ns2 ping -c 3 192.168.1.100
# expect: 64 bytes from 192.168.1.100: icmp_seq=1 ttl=64 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
ip netns exec ns2 ping -c 1 192.168.1.1
# expect: 1 packets transmitted, 1 received, 0% packet loss, time 0ms
# The host itself, now through br1.
ping -c 1 192.168.1.100
# expect: 1 packets transmitted, 1 received, 0% packet loss, time 0ms

# host2 and the gateway are learned behind eth0 (port 1), ns2 behind veth1 (port 2).
brctl showmacs br1 | grep -c "  1	.*	no	"
# expect: 2
# netsim: known-difference ageing timers count the kernel's real time (here simulated time), and lines sort by MAC addresses, which are random
brctl showmacs br1 | grep -c "  2	.*	no	"
# expect: 1
# netsim: known-difference ageing timers count the kernel's real time (here simulated time), and lines sort by MAC addresses, which are random

dmesg | grep promiscuous
# expect: [*] eth0: entered promiscuous mode
# expect: [*] veth1: entered promiscuous mode

netstat -i | grep veth1
# expect: veth1*BMRU
# netsim: known-difference the kernel's bridge and ports also send IGMP membership reports (the bridge joins 224.0.0.106 for multicast router discovery); IGMP is not modelled, so the TX counters differ by those frames
ifconfig veth1 promisc
netstat -i | grep veth1
# expect: veth1*BMPRU
# netsim: known-difference the kernel's bridge and ports also send IGMP membership reports (the bridge joins 224.0.0.106 for multicast router discovery); IGMP is not modelled, so the TX counters differ by those frames
# Turning the flag off leaves the bridge's hold: the device stays promiscuous, silently.
ifconfig veth1 -promisc
netstat -i | grep veth1
# expect: veth1*BMRU
# netsim: known-difference the kernel's bridge and ports also send IGMP membership reports (the bridge joins 224.0.0.106 for multicast router discovery); IGMP is not modelled, so the TX counters differ by those frames
ip -d link show veth1
# expect:     link/ether {mac} brd ff:ff:ff:ff:ff:ff link-netns ns2 promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535
# netsim: known-difference the port's forward_delay_timer counts down in real time on the kernel, in simulated time here

brctl delif br1 veth1
dmesg | grep veth1
# expect: [*] veth1: entered allmulticast mode
# expect: [*] veth1: entered promiscuous mode
# expect: [*] veth1: left allmulticast mode
# expect: [*] veth1: left promiscuous mode
ip -d link show veth1
# expect:     link/ether {mac} brd ff:ff:ff:ff:ff:ff link-netns ns2 promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535
