#!/bin/bash
# Seed 002's client/gateway/server set up with ifconfig, route and netstat (net-tools 2.10).
# Expected lines are what the same commands printed on Linux 6.18 (MACs are random: {mac};
# counters vary with the IPv6 packets a real kernel sends, which NetSim does not model: {n}).
#
#   client                     gateway                              server
#   +------------------+       +------------------------------+     +--------------------+
#   | cli-veth         |-------| cligw-veth      svrgw-veth   |-----| svr-veth           |
#   | 10.0.100.1 (/8)  |       | 10.0.100.254    192.168.100.254    | 192.168.100.1 (/24)|
#   +------------------+       +------------------------------+     +--------------------+
#
# Checks: an address without a netmask takes its class's (10.x: 255.0.0.0) and brings the
# interface up; the route it makes; ADDR/LEN and explicit netmask/broadcast; 0.0.0.0 removes
# the address; promiscuous mode on and off in ifconfig and netstat -i; errors.

ip netns add server
ip netns add gateway
ip netns add client
ip netns exec gateway sysctl -w net.ipv4.ip_forward=1
# expect: net.ipv4.ip_forward = 1

ip link add svr-veth type veth peer name svrgw-veth
ip link add cli-veth type veth peer name cligw-veth
ip link set svr-veth netns server
ip link set svrgw-veth netns gateway
ip link set cligw-veth netns gateway
ip link set cli-veth netns client

# Before any address: the interface is down, so ifconfig lists nothing, -a lists it.
ip netns exec client ifconfig
# expect-not: cli-veth*
ip netns exec client ifconfig -a
# expect: cli-veth: flags=4098<BROADCAST,MULTICAST>  mtu 1500
# expect:         ether {mac}  txqueuelen 1000  (Ethernet)
# expect: lo: flags=8<LOOPBACK>  mtu 65536
# expect:         loop  txqueuelen 1000  (Local Loopback)

# The seed's four commands: classful netmasks (C for 192.168, A for 10), and up.
ip netns exec server ifconfig svr-veth 192.168.100.1
ip netns exec gateway ifconfig svrgw-veth 192.168.100.254
ip netns exec gateway ifconfig cligw-veth 10.0.100.254
ip netns exec client ifconfig cli-veth 10.0.100.1
ip netns exec client ifconfig cli-veth
# expect: cli-veth: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
# expect:         inet 10.0.100.1  netmask 255.0.0.0  broadcast 10.255.255.255
# expect:         ether {mac}  txqueuelen 1000  (Ethernet)
# expect:         RX packets {n}  bytes {n} (*)
# expect:         RX errors 0  dropped 0  overruns 0  frame 0
# expect:         TX packets {n}  bytes {n} (*)
# expect:         TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0
ip netns exec server ifconfig svr-veth
# expect:         inet 192.168.100.1  netmask 255.255.255.0  broadcast 192.168.100.255

# The class A netmask makes a 10.0.0.0/8 route (seed 002's netstat -rn shows it).
ip netns exec client route -n
# expect: Kernel IP routing table
# expect: Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
# expect: 10.0.0.0        0.0.0.0         255.0.0.0       U     0      0        0 cli-veth

ip netns exec client route add default gw 10.0.100.254
ip netns exec client netstat -rn
# expect: Kernel IP routing table
# expect: Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
# expect: 0.0.0.0         10.0.100.254    0.0.0.0         UG        0 0          0 cli-veth
# expect: 10.0.0.0        0.0.0.0         255.0.0.0       U         0 0          0 cli-veth
ip netns exec server route add default gw 192.168.100.254
ip netns exec server netstat -rn
# expect: 0.0.0.0         192.168.100.254 0.0.0.0         UG        0 0          0 svr-veth
# expect: 192.168.100.0   0.0.0.0         255.255.255.0   U         0 0          0 svr-veth
ip netns exec gateway route -n
# expect: 10.0.0.0        0.0.0.0         255.0.0.0       U     0      0        0 cligw-veth
# expect: 192.168.100.0   0.0.0.0         255.255.255.0   U     0      0        0 svrgw-veth

# A netmask of one's own: the /8 route goes, a /24 one comes, the broadcast follows.
# Changing the only address deletes it first, and a device without address loses its
# routes: the default route is gone too.
ip netns exec client ifconfig cli-veth 10.0.100.1 netmask 255.255.255.0
ip netns exec client ifconfig cli-veth
# expect:         inet 10.0.100.1  netmask 255.255.255.0  broadcast 10.0.100.255
ip netns exec client route -n
# expect: 10.0.100.0      0.0.0.0         255.255.255.0   U     0      0        0 cli-veth
# expect-not: 0.0.0.0         10.0.100.254*
# expect-not: 10.0.0.0        0.0.0.0         255.0.0.0*

# ADDR/LEN, and a broadcast chosen by hand.
ip netns exec client ifconfig cli-veth 10.0.100.2/25 broadcast 10.0.100.127
ip netns exec client ifconfig cli-veth
# expect:         inet 10.0.100.2  netmask 255.255.255.128  broadcast 10.0.100.127
ip netns exec client route -n
# expect: 10.0.100.0      0.0.0.0         255.255.255.128 U     0      0        0 cli-veth

# 0.0.0.0 removes the address; the interface stays up, with no inet line and no route.
ip netns exec client ifconfig cli-veth 0.0.0.0
ip netns exec client ifconfig cli-veth
# expect: cli-veth: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
# expect-not:         inet *
ip netns exec client route -n
# expect-not: 10.0.100.0*
ip netns exec client ifconfig cli-veth 10.0.100.1/24

# Promiscuous mode: the P flag of netstat -i and PROMISC of ifconfig; the kernel logs it.
ip netns exec gateway netstat -i
# expect: Kernel Interface table
# expect: Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg
# expect: cligw-veth       1500 * BMRU
# expect: svrgw-veth       1500 * BMRU
ip netns exec gateway ifconfig cligw-veth promisc
ip netns exec gateway netstat -i
# expect: cligw-veth       1500 * BMPRU
# expect: svrgw-veth       1500 * BMRU
ip netns exec gateway ifconfig cligw-veth
# expect: cligw-veth: flags=4419<UP,BROADCAST,RUNNING,PROMISC,MULTICAST>  mtu 1500
# (Linux 6.18 logs "cligw-veth: entered promiscuous mode", older kernels "device cligw-veth ...".)
dmesg
# expect: *cligw-veth* entered promiscuous mode
ip netns exec gateway ifconfig cligw-veth -promisc
ip netns exec gateway netstat -i
# expect: cligw-veth       1500 * BMRU
dmesg
# expect: *cligw-veth* left promiscuous mode

# Down: gone from ifconfig and netstat -i, still in -a; its routes go with it.
ip netns exec server ifconfig svr-veth down
ip netns exec server ifconfig -a -s
# expect: Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg
# expect: svr-veth         1500 * BM
ip netns exec server netstat -rn
# expect-not: *svr-veth
ip netns exec server ifconfig svr-veth up

# Errors as ifconfig prints them.
ip netns exec client ifconfig veth9
# expect: veth9: error fetching interface information: Device not found
# expect-status: 1
ip netns exec client ifconfig veth9 10.0.0.1
# expect: SIOCSIFADDR: No such device
# expect: veth9: ERROR while getting interface flags: No such device
# expect-status: 255
ip netns exec client ifconfig cli-veth 224.0.0.1
# expect: SIOCSIFADDR: Invalid argument
# expect-status: 1
ip netns exec client ifconfig cli-veth 10.0.0.1 netmask 255.0.255.0
# expect: SIOCSIFNETMASK: Invalid argument
# expect-status: 1
ip netns exec client ifconfig cli-veth mtu 20
# expect: SIOCSIFMTU: Invalid argument
# expect-status: 1

ip netns del client
ip netns del gateway
ip netns del server
