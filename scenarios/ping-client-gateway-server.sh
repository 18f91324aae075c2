#!/bin/bash
# Seed 002's demo: a gateway namespace forwards between a client and a server. The author used
# ifconfig and route; this file uses the ip equivalents (ifconfig ADDR without a netmask
# takes the class's: 192.168.100.1 is /24, 10.0.100.1 is /8). Transcripts as iputils 20221126
# printed them on Linux 6.18; the seed's "icmp_req=" is an older ping's spelling of icmp_seq.
#
#   client                      gateway                                  server
#   +------------------+      +-----------------------------------+      +---------------------+
#   | cli-veth         |------| cligw-veth          svrgw-veth     |------| svr-veth            |
#   | 10.0.100.1/8     | veth | 10.0.100.254/8      192.168.100.254/24| veth | 192.168.100.1/24 |
#   +------------------+      +-----------------------------------+      +---------------------+

ip netns add server
ip netns add gateway
ip netns add client

ip netns exec gateway sysctl net.ipv4.ip_forward=1
# expect: net.ipv4.ip_forward = 1

ip link add svr-veth type veth peer name svrgw-veth
ip link add cli-veth type veth peer name cligw-veth
ip link set svr-veth netns server
ip link set svrgw-veth netns gateway
ip link set cligw-veth netns gateway
ip link set cli-veth netns client

# ifconfig svr-veth 192.168.100.1 (and so on): address, class netmask and broadcast, up.
ip netns exec server ip addr add 192.168.100.1/24 broadcast 192.168.100.255 dev svr-veth
ip netns exec server ip link set svr-veth up
ip netns exec gateway ip addr add 192.168.100.254/24 broadcast 192.168.100.255 dev svrgw-veth
ip netns exec gateway ip link set svrgw-veth up
ip netns exec gateway ip addr add 10.0.100.254/8 broadcast 10.255.255.255 dev cligw-veth
ip netns exec gateway ip link set cligw-veth up
ip netns exec client ip addr add 10.0.100.1/8 broadcast 10.255.255.255 dev cli-veth
ip netns exec client ip link set cli-veth up

ip netns exec gateway ping 192.168.100.1 -I 192.168.100.254 -c 3
# expect: PING 192.168.100.1 (192.168.100.1) from 192.168.100.254 : 56(84) bytes of data.
# expect: 64 bytes from 192.168.100.1: icmp_seq=1 ttl=64 time={time} ms
# expect: 64 bytes from 192.168.100.1: icmp_seq=2 ttl=64 time={time} ms
# expect: 64 bytes from 192.168.100.1: icmp_seq=3 ttl=64 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
# expect-status: 0

ip netns exec gateway ping 10.0.100.1 -I 10.0.100.254 -c 3
# expect: PING 10.0.100.1 (10.0.100.1) from 10.0.100.254 : 56(84) bytes of data.
# expect: 64 bytes from 10.0.100.1: icmp_seq=3 ttl=64 time={time} ms
# expect-status: 0

# Before the default routes the client has no way to the server's subnet.
ip netns exec client ping 192.168.100.1 -I 10.0.100.1 -c 1
# expect: PING 192.168.100.1 (192.168.100.1) from 10.0.100.1 : 56(84) bytes of data.
# expect: 1 packets transmitted, 0 received, 100% packet loss, time 0ms
# expect-status: 1

# route add default gw 10.0.100.254 / 192.168.100.254
ip netns exec client ip route add default via 10.0.100.254
ip netns exec server ip route add default via 192.168.100.254

ip netns exec client ping 192.168.100.1 -I 10.0.100.1 -c 3
# expect: PING 192.168.100.1 (192.168.100.1) from 10.0.100.1 : 56(84) bytes of data.
# expect: 64 bytes from 192.168.100.1: icmp_seq=1 ttl=63 time={time} ms
# expect: 64 bytes from 192.168.100.1: icmp_seq=2 ttl=63 time={time} ms
# expect: 64 bytes from 192.168.100.1: icmp_seq=3 ttl=63 time={time} ms
# expect: 
# expect: --- 192.168.100.1 ping statistics ---
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
# expect: rtt min/avg/max/mdev = {time}/{time}/{time}/{time} ms
# expect-status: 0

# Without -I the connect() of ping's probe socket picks the same source.
ip netns exec client ping -c 1 192.168.100.1
# expect: PING 192.168.100.1 (192.168.100.1) 56(84) bytes of data.
# expect: 64 bytes from 192.168.100.1: icmp_seq=1 ttl=63 time={time} ms
# expect-status: 0

ip netns del client
ip netns del gateway
ip netns del server
