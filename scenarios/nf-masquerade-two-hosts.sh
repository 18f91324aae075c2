#!/bin/bash
# Seed 004's question: two private hosts behind one MASQUERADE ping the same public address.
# ICMP has no ports, so conntrack keys echo requests by their identifier and NAT gives the
# second host's pings another identifier when both use the same one: both get their replies.
# Expected lines are what ping (iputils 20221126) and conntrack v1.4.7 printed on Linux 6.18.
# Pending: needs ping (branch ping); rename to .sh once it is merged.
#
#   a 192.168.1.2 --- lan0 \
#                           gw (MASQUERADE -o wan0) wan0 100.100.100.1 --- 100.100.100.2 server
#   c 192.168.2.2 --- lan1 /

for ns in a c gw server; do ip netns add $ns; done
ip link add eth0 netns a type veth peer name lan0 netns gw
ip link add eth0 netns c type veth peer name lan1 netns gw
ip link add wan0 netns gw type veth peer name eth0 netns server
ip -n a addr add 192.168.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n a route add default via 192.168.1.1
ip -n c addr add 192.168.2.2/24 dev eth0
ip -n c link set eth0 up
ip -n c route add default via 192.168.2.1
ip -n gw addr add 192.168.1.1/24 dev lan0
ip -n gw addr add 192.168.2.1/24 dev lan1
ip -n gw addr add 100.100.100.1/24 dev wan0
ip -n gw link set lan0 up
ip -n gw link set lan1 up
ip -n gw link set wan0 up
ip -n server addr add 100.100.100.2/24 dev eth0
ip -n server link set eth0 up
ip netns exec gw sysctl -qw net.ipv4.ip_forward=1

# The server has no route back: without NAT nothing answers.
ip netns exec a ping -c 1 -W 1 100.100.100.2
# expect-status: 1
# expect: 1 packets transmitted, 0 received, 100% packet loss, time 0ms

ip netns exec gw iptables -t nat -A POSTROUTING -o wan0 -j MASQUERADE
ip netns exec a ping -c 2 -e 1234 100.100.100.2 &
ip netns exec c ping -c 2 -e 1234 100.100.100.2 &
wait
# expect: 64 bytes from 100.100.100.2: icmp_seq=2 ttl=63 time={time} ms
# expect: 2 packets transmitted, 2 received, 0% packet loss, time {time}ms
# expect-not: *100% packet loss*

ip netns exec gw conntrack -L -p icmp
# expect: icmp     1 {n} src=192.168.1.2 dst=100.100.100.2 type=8 code=0 id=1234 src=100.100.100.2 dst=100.100.100.1 type=0 code=0 id=1234 mark=0 use=1
# expect: icmp     1 {n} src=192.168.2.2 dst=100.100.100.2 type=8 code=0 id=1234 src=100.100.100.2 dst=100.100.100.1 type=0 code=0 id={n} mark=0 use=1
# expect: conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.
# netsim: known-difference on the kernel the two entries come in either order (conntrack lists its hash table, seeded at random) and either host may keep id 1234 (the two pings race to the gateway)

ip netns exec gw iptables -t nat -L POSTROUTING -v -n
# expect:     2   168 MASQUERADE  0    --  *      wan0    0.0.0.0/0            0.0.0.0/0           

for ns in a c gw server; do ip netns del $ns; done
