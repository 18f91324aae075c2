#!/bin/bash
# Seed 004, "NAT Gateway A / NAT Gateway B": machine A reaches machine B through two NAT
# gateways; gateway A only has SNAT, gateway B only DNAT, yet the replies are translated back on
# both, from their connection tables. Expected lines are what ping (iputils 20221126),
# conntrack v1.4.7 and iptables v1.8.9 printed on Linux 6.18 for the same script (ping's
# identifier is random there: {n}).
# Pending: needs ping (branch ping) and nc -u (branch tcp); rename to .sh once both are merged.
#
#   ma                 ga                                   gb                 mb
#   eth0 ---------- lan0   wan0 ====== "internet" ====== wan0   lan0 ---------- eth0
#   192.168.1.2  192.168.1.1  100.100.100.1       200.200.200.1  192.168.2.1  192.168.2.2
#                SNAT -s 192.168.1.0/24                DNAT -d 200.200.200.1
#                  --to-source 100.100.100.1             --to-destination 192.168.2.2

for ns in ma ga gb mb; do ip netns add $ns; ip -n $ns link set lo up; done
ip link add eth0 netns ma type veth peer name lan0 netns ga
ip link add wan0 netns ga type veth peer name wan0 netns gb
ip link add lan0 netns gb type veth peer name eth0 netns mb
ip -n ma addr add 192.168.1.2/24 dev eth0
ip -n ma link set eth0 up
ip -n ma route add default via 192.168.1.1
ip -n ga addr add 192.168.1.1/24 dev lan0
ip -n ga link set lan0 up
ip -n ga addr add 100.100.100.1/24 dev wan0
ip -n ga link set wan0 up
ip -n ga route add 200.200.200.0/24 dev wan0
ip -n gb addr add 200.200.200.1/24 dev wan0
ip -n gb link set wan0 up
ip -n gb route add 100.100.100.0/24 dev wan0
ip -n gb addr add 192.168.2.1/24 dev lan0
ip -n gb link set lan0 up
ip -n mb addr add 192.168.2.2/24 dev eth0
ip -n mb link set eth0 up
ip -n mb route add default via 192.168.2.1
ip netns exec ga sysctl -qw net.ipv4.ip_forward=1
ip netns exec gb sysctl -qw net.ipv4.ip_forward=1

# Before any nat rule nothing is tracked.
ip netns exec ga conntrack -L
# expect: conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.

ip netns exec ga iptables -t nat -A POSTROUTING -s 192.168.1.0/24 -o wan0 -j SNAT --to-source 100.100.100.1
ip netns exec gb iptables -t nat -A PREROUTING -d 200.200.200.1 -i wan0 -j DNAT --to-destination 192.168.2.2

ip netns exec ma ping -c 3 -i 0.3 200.200.200.1
# expect-status: 0
# expect: 64 bytes from 200.200.200.1: icmp_seq=1 ttl=62 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {time}ms

# The port test of the seed: machine B listens on 443, machine A sends from port 56303.
ip netns exec mb timeout 2 nc -u -l -p 443 &
echo hello | ip netns exec ma timeout 1 nc -u -p 56303 200.200.200.1 443
# expect: hello
wait

ip netns exec ga conntrack -L
# expect: icmp     1 {n} src=192.168.1.2 dst=200.200.200.1 type=8 code=0 id={n} src=200.200.200.1 dst=100.100.100.1 type=0 code=0 id={n} mark=0 use=1
# expect: udp      17 {n} src=192.168.1.2 dst=200.200.200.1 sport=56303 dport=443 [UNREPLIED] src=200.200.200.1 dst=100.100.100.1 sport=443 dport=56303 mark=0 use=1
# expect: conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.
# netsim: known-difference on the kernel the two entries come in either order (conntrack lists its hash table, seeded at random)
ip netns exec gb conntrack -L
# expect: icmp     1 {n} src=100.100.100.1 dst=200.200.200.1 type=8 code=0 id={n} src=192.168.2.2 dst=100.100.100.1 type=0 code=0 id={n} mark=0 use=1
# expect: udp      17 {n} src=100.100.100.1 dst=200.200.200.1 sport=56303 dport=443 [UNREPLIED] src=192.168.2.2 dst=100.100.100.1 sport=443 dport=56303 mark=0 use=1
# netsim: known-difference on the kernel the two entries come in either order (conntrack lists its hash table, seeded at random)

# The nat rules counted one packet per connection: the ping's first and the datagram.
ip netns exec ga iptables -t nat -L POSTROUTING -v -n
# expect:     2   118 SNAT       0    --  *      wan0    192.168.1.0/24       0.0.0.0/0            to:100.100.100.1
ip netns exec gb iptables -t nat -L PREROUTING -v -n
# expect:     2   118 DNAT       0    --  wan0   *       0.0.0.0/0            200.200.200.1        to:192.168.2.2

for ns in ma ga gb mb; do ip netns del $ns; done
