#!/bin/bash
# Seed 001, "bridge0": two namespaces on a bridge in the host reach each other (ttl=64, no
# router in between); the host's own address is unreachable from them until bridge0 has
# 192.168.1.1 and they have a default route through it. Expected lines are iputils 20221126 and
# iproute2 6.1 output (ping's "connect:" line now carries the "ping: " prefix the seed's
# older iputils did not print). The veth addresses are the seed's, so bridge0 takes veth1's
# (the lower one), as the seed shows.
#
#     ns0                      host                       ns1
#  veth0 192.168.1.2 ── veth1 ┐              ┌ veth3 ── veth2 192.168.1.3
#                             bridge0 (192.168.1.1 later)
#                      eth0 172.16.0.157/16 (the host's LAN)
#
# netsim: uplink eth0 172.16.0.157/16

ip netns add ns0
ip netns add ns1
ip link add type veth
ip link add type veth
ip link set veth1 address d2:db:62:51:7d:75
ip link set veth3 address d6:59:1b:fb:e6:a6
ip link add bridge0 type bridge
ip link set bridge0 up
ip link set veth0 netns ns0
ip link set veth2 netns ns1
ip link set veth1 master bridge0
ip link set veth3 master bridge0
ip netns exec ns0 ip addr add 192.168.1.2/24 dev veth0
ip netns exec ns1 ip addr add 192.168.1.3/24 dev veth2
ip netns exec ns0 ip link set veth0 up
ip netns exec ns1 ip link set veth2 up
ip link set veth1 up
ip link set veth3 up

ip link show master bridge0
# expect: *: veth1@if*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master bridge0 state UP mode DEFAULT group default qlen 1000
# expect: *: veth3@if*: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master bridge0 state UP mode DEFAULT group default qlen 1000
ip link show bridge0
# expect: *: bridge0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
# expect:     link/ether d2:db:62:51:7d:75 brd ff:ff:ff:ff:ff:ff

# Same subnet, bridged: no router, so ttl stays 64.
ip netns exec ns0 ping -c 3 192.168.1.3
# expect: PING 192.168.1.3 (192.168.1.3) 56(84) bytes of data.
# expect: 64 bytes from 192.168.1.3: icmp_seq=1 ttl=64 time={time} ms
# expect: 64 bytes from 192.168.1.3: icmp_seq=3 ttl=64 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
# expect-status: 0
ip netns exec ns1 ping -c 3 192.168.1.2
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms

# The host is in another subnet and the namespaces have no route there.
ip netns exec ns0 ping 172.16.0.157 -c 3
# expect: ping: connect: Network is unreachable
# expect-status: 2

ip addr add 192.168.1.1/24 dev bridge0
ip netns exec ns0 ip route add default via 192.168.1.1
ip netns exec ns1 ip route add default via 192.168.1.1
ip netns exec ns0 ip route
# expect: default via 192.168.1.1 dev veth0
# expect: 192.168.1.0/24 dev veth0 proto kernel scope link src 192.168.1.2

# bridge0 is now the namespaces' gateway: the host answers on its own address.
ip netns exec ns0 ping 172.16.0.157 -c 3
# expect: 64 bytes from 172.16.0.157: icmp_seq=1 ttl=64 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
ip netns exec ns1 ping 172.16.0.157 -c 3
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms

# The bridge learned both namespaces' addresses behind their ports.
brctl showmacs bridge0
# expect: port no	mac addr		is local?	ageing timer
# expect:   1	d2:db:62:51:7d:75	yes		   0.00
# expect:   2	d6:59:1b:fb:e6:a6	yes		   0.00
# netsim: known-difference ageing timers count the kernel's real time (here simulated time), and lines sort by MAC addresses, which are random
brctl showmacs bridge0 | grep -c "	no	"
# expect: 2
# netsim: known-difference ageing timers count the kernel's real time (here simulated time), and lines sort by MAC addresses, which are random
