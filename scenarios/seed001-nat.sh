#!/bin/bash
# Seed 001's last part: ns0 and ns1 on bridge0, whose address 192.168.1.1 is their gateway;
# the host forwards to its NIC eth0 on the LAN 172.16.0.0/16. Names resolve through the host's
# /etc/resolv.conf (the LAN's router, as DHCP set it), but until the host masquerades the
# namespaces' private addresses nothing comes back: the router forwards without translating.
# The seed's glibc printed "Name or service not known"; glibc 2.36 prints "Temporary failure in
# name resolution" for a server that does not answer, so either is accepted. Expected lines as
# Linux 6.18 and iputils 20221126 printed them in the same world built with netsim validate.
#
#   ns0 192.168.1.2 ── veth0 ═ veth1 ┐                                   LAN
#                                    bridge0 192.168.1.1 ─ host ─ eth0 172.16.0.157 ── switch ── gateway 172.16.0.1
#   ns1 192.168.1.3 ── veth2 ═ veth3 ┘        (MASQUERADE -o eth0)                                 ║
#                                                                           www.baidu.com → www.a.shifen.com 14.119.104.254
#
# netsim: uplink eth0 172.16.0.157/16 gateway 172.16.0.1

sysctl -w net.ipv4.ip_forward=1
# expect: net.ipv4.ip_forward = 1

ip netns add ns0
ip netns add ns1
ip link add type veth
ip link add type veth
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

ip netns exec ns0 ping -c 3 192.168.1.3
# expect: 64 bytes from 192.168.1.3: icmp_seq=1 ttl=64 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
ip netns exec ns0 ping -c 3 172.16.0.157
# expect: ping: connect: Network is unreachable
# expect-status: 2

ip addr add 192.168.1.1/24 dev bridge0
ip netns exec ns0 ip route add default via 192.168.1.1
ip netns exec ns1 ip route add default via 192.168.1.1
ip netns exec ns0 ping -c 3 172.16.0.157
# expect: 64 bytes from 172.16.0.157: icmp_seq=1 ttl=64 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms

# Names resolve, but the private source gets no answer back.
ip netns exec ns1 ping www.baidu.com -c 3
# expect: ping: www.baidu.com: *
# expect-status: 2

iptables -t nat -A POSTROUTING -s 192.168.1.1/24 -o eth0 -j MASQUERADE
iptables --list -t nat
# expect: Chain POSTROUTING (policy ACCEPT)
# expect: MASQUERADE  all  --  192.168.1.0/24       anywhere            

ip netns exec ns0 ping www.baidu.com -c 3
# expect: PING www.a.shifen.com (14.119.104.254) 56(84) bytes of data.
# expect: 64 bytes from 14.119.104.254 (14.119.104.254): icmp_seq=1 ttl=51 time={time} ms
# expect: --- www.a.shifen.com ping statistics ---
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
# expect-status: 0
ip netns exec ns1 ping www.baidu.com -c 3
# expect: 64 bytes from 14.119.104.254 (14.119.104.254): icmp_seq=3 ttl=51 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms

iptables -t nat -D POSTROUTING -s 192.168.1.1/24 -o eth0 -j MASQUERADE
ip netns del ns0
ip netns del ns1
ip link del bridge0
