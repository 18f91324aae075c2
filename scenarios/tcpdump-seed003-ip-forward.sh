#!/bin/bash
# Seed 003: ns_1 reaches the internet through the host, which SNATs it to its public address.
# Until ip_forward is 1 the pings die in the host: tcpdump sees them arrive on veth3 and never
# leave on eth2. The seed's eth2 is the VM's NIC; here it is a veth to a namespace standing in
# for the internet (its gateway 10.20.30.1 and 114.114.114.114). Lines as tcpdump 4.99.3 printed
# them for the same commands on Linux 6.18 (times, MACs and ping ids vary).
#
#   ns_1                  host (SNAT 1.1.1.2 -> 10.20.30.182)        internet
#   +---------------+    +------------------------------------+    +----------------------+
#   | veth2         |----| veth3              eth2            |----| wan  10.20.30.1/24   |
#   | 1.1.1.2/24    |veth| 1.1.1.3/24         10.20.30.182/24 |veth| lo   114.114.114.114 |
#   +---------------+    +------------------------------------+    +----------------------+

ip netns add internet
ip link add eth2 type veth peer name wan
ip link set wan netns internet
ip netns exec internet ip addr add 10.20.30.1/24 dev wan
ip netns exec internet ip link set wan up
ip netns exec internet ip link set lo up
ip netns exec internet ip addr add 114.114.114.114/32 dev lo
ip addr add 10.20.30.182/24 dev eth2
ip link set eth2 up
ip route add default via 10.20.30.1

# The seed, from here on.
ip netns add ns_1
ip link add veth3 type veth peer name veth2
ip link set veth2 netns ns_1
ip netns exec ns_1 ifconfig veth2 1.1.1.2 netmask 255.255.255.0 up
ifconfig veth3 1.1.1.3 netmask 255.255.255.0 up
ip netns exec ns_1 route add default gw 1.1.1.3
iptables -t nat -A POSTROUTING -s 1.1.1.2 -j SNAT --to-source 10.20.30.182
cat /proc/sys/net/ipv4/ip_forward
# expect: 0

tcpdump -l --immediate-mode -c 4 -i veth3 icmp -en &
# expect: tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
# expect: listening on veth3, link-type EN10MB (Ethernet), snapshot length 262144 bytes
tcpdump -l --immediate-mode -i eth2 icmp -en &
# expect: listening on eth2, link-type EN10MB (Ethernet), snapshot length 262144 bytes
sleep 1
ip netns exec ns_1 ping -c 4 114.114.114.114
# expect: ??:??:??.?????? {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 1.1.1.2 > 114.114.114.114: ICMP echo request, id {n}, seq 1, length 64
# expect: ??:??:??.?????? {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 1.1.1.2 > 114.114.114.114: ICMP echo request, id {n}, seq 2, length 64
# expect: ??:??:??.?????? {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 1.1.1.2 > 114.114.114.114: ICMP echo request, id {n}, seq 3, length 64
# expect: ??:??:??.?????? {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 1.1.1.2 > 114.114.114.114: ICMP echo request, id {n}, seq 4, length 64
# expect: 4 packets captured
# expect: 4 packets transmitted, 0 received, 100% packet loss, time {n}ms
# expect-not: *10.20.30.182*
# expect-status: 1

# Nothing left on eth2.
kill %2
# expect: 
# expect: 0 packets captured
# expect: 0 packets received by filter
# expect: 0 packets dropped by kernel
sleep 1

echo 1 > /proc/sys/net/ipv4/ip_forward
cat /proc/sys/net/ipv4/ip_forward
# expect: 1

# Forwarded now, with the source rewritten on the way out, and the replies come back.
tcpdump -l --immediate-mode -c 4 -i eth2 icmp -n &
sleep 1
ip netns exec ns_1 ping -c 2 114.114.114.114
# expect: ??:??:??.?????? IP 10.20.30.182 > 114.114.114.114: ICMP echo request, id {n}, seq 1, length 64
# expect: ??:??:??.?????? IP 114.114.114.114 > 10.20.30.182: ICMP echo reply, id {n}, seq 1, length 64
# expect: 64 bytes from 114.114.114.114: icmp_seq=1 ttl=63 time={time} ms
# expect: ??:??:??.?????? IP 10.20.30.182 > 114.114.114.114: ICMP echo request, id {n}, seq 2, length 64
# expect: ??:??:??.?????? IP 114.114.114.114 > 10.20.30.182: ICMP echo reply, id {n}, seq 2, length 64
# expect: 4 packets captured
# expect: 2 packets transmitted, 2 received, 0% packet loss, time {n}ms
wait

iptables -t nat -F
ip netns del ns_1
ip netns del internet
