#!/bin/bash
# Seed 003 as written, on a host whose NIC eth2 has the public address 10.20.30.182 behind a
# gateway to the internet (the default world: 114.114.114.114 answers ping). ns_1's private
# 1.1.1.2 is SNATed to the public address, but until ip_forward is 1 the host does not forward:
# the pings arrive on veth3 and never leave on eth2. The gateway does not translate, so only
# the SNATed packets get answers. Expected lines as Linux 6.18, iputils 20221126 and tcpdump
# 4.99.3 printed them in the same world built with netsim validate (times, MACs, ids vary;
# TTL 128 - 10 hops beyond the gateway - gateway - host = 116).
#
#   ns_1                 host (SNAT 1.1.1.2 -> 10.20.30.182)     LAN          internet
#   +--------------+    +--------------------------------+                  114.114.114.114
#   | veth2        |----| veth3            eth2          |---- switch ---- gateway ══╝
#   | 1.1.1.2/24   |veth| 1.1.1.3/24       10.20.30.182  |                  10.20.30.1
#   +--------------+    +--------------------------------+
#
# netsim: uplink eth2 10.20.30.182/24 gateway 10.20.30.1

ip netns add ns_1
ip netns list
# expect: ns_1
ip link add veth3 type veth peer name veth2
ip link set veth2 netns ns_1
ip netns exec ns_1 ifconfig veth2 1.1.1.2 netmask 255.255.255.0 up
ifconfig veth3 1.1.1.3 netmask 255.255.255.0 up

# The peers talk directly.
ip netns exec ns_1 ping -c 2 1.1.1.3
# expect: 64 bytes from 1.1.1.3: icmp_seq=1 ttl=64 time={time} ms
# expect: 2 packets transmitted, 2 received, 0% packet loss, time {n}ms

ip netns exec ns_1 route add default gw 1.1.1.3
ip netns exec ns_1 ip r
# expect: default via 1.1.1.3 dev veth2 
# expect: 1.1.1.0/24 dev veth2 proto kernel scope link src 1.1.1.2 

iptables -t nat -A POSTROUTING -s 1.1.1.2 -j SNAT --to-source 10.20.30.182
iptables -t nat -S
# expect: -P PREROUTING ACCEPT
# expect: -P POSTROUTING ACCEPT
# expect: -A POSTROUTING -s 1.1.1.2/32 -j SNAT --to-source 10.20.30.182

# The host itself reaches the internet.
ping -c 1 114.114.114.114
# expect: 64 bytes from 114.114.114.114: icmp_seq=1 ttl=117 time={time} ms

cat /proc/sys/net/ipv4/ip_forward
# expect: 0
tcpdump -l --immediate-mode -c 3 -i veth3 icmp -en &
# expect: listening on veth3, link-type EN10MB (Ethernet), snapshot length 262144 bytes
tcpdump -l --immediate-mode -i eth2 icmp -en &
# expect: listening on eth2, link-type EN10MB (Ethernet), snapshot length 262144 bytes
sleep 1
ip netns exec ns_1 ping -c 3 114.114.114.114
# expect: PING 114.114.114.114 (114.114.114.114) 56(84) bytes of data.
# expect: ??:??:??.?????? {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 1.1.1.2 > 114.114.114.114: ICMP echo request, id {n}, seq 1, length 64
# expect: ??:??:??.?????? {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 1.1.1.2 > 114.114.114.114: ICMP echo request, id {n}, seq 3, length 64
# expect: 3 packets transmitted, 0 received, 100% packet loss, time {n}ms
# expect-not: *10.20.30.182*
# expect-status: 1
kill %2
# expect: 0 packets captured
sleep 1

echo 1 > /proc/sys/net/ipv4/ip_forward
cat /proc/sys/net/ipv4/ip_forward
# expect: 1

ip netns exec ns_1 ping -c 3 114.114.114.114
# expect: 64 bytes from 114.114.114.114: icmp_seq=1 ttl=116 time={time} ms
# expect: 64 bytes from 114.114.114.114: icmp_seq=3 ttl=116 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
# expect-status: 0
wait

iptables -t nat -D POSTROUTING -s 1.1.1.2 -j SNAT --to-source 10.20.30.182
ip netns del ns_1
