#!/bin/bash
# route (net-tools 2.10): adding and deleting routes with SIOCADDRT/SIOCDELRT, the kernel's
# answers, and the table as route, route -n and netstat -rn print it. Expected lines are what
# the same commands printed on Linux 6.18.
#
#   client                            router
#   +----------------------+         +----------------------+
#   | veth0 192.168.1.88/24|---------| veth1 192.168.1.1/24 |
#   +----------------------+         +----------------------+
#
# Names: route without -n looks gateways up in /etc/hosts (here the namespace's own, as ip
# netns exec provides it) and prints numbers when the lookup fails; with no name server
# configured and lo up, a real run fails such lookups at once.

ip netns add client
ip netns add router
mkdir -p /etc/netns/client
echo "192.168.1.1 gateway" > /etc/netns/client/hosts
echo "# no name server" > /etc/netns/client/resolv.conf
ip link add veth0 type veth peer name veth1
ip link set veth0 netns client
ip link set veth1 netns router
ip netns exec router ip addr add 192.168.1.1/24 dev veth1
ip netns exec router ip link set veth1 up
ip netns exec client ip link set lo up

# Before the address, the gateway is not on any link.
ip netns exec client route add default gw 192.168.1.1
# expect: SIOCADDRT: Network is unreachable
# expect-status: 7
ip netns exec client ifconfig veth0 192.168.1.88/24 up

ip netns exec client route add default gw 192.168.1.1
# expect-status: 0
ip netns exec client route add default gw 192.168.1.1
# expect: SIOCADDRT: File exists
# expect-status: 7
ip netns exec client route -n
# expect: Kernel IP routing table
# expect: Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
# expect: 0.0.0.0         192.168.1.1     0.0.0.0         UG    0      0        0 veth0
# expect: 192.168.1.0     0.0.0.0         255.255.255.0   U     0      0        0 veth0

# Seed 001's "route": the gateway by name, from the namespace's /etc/hosts.
ip netns exec client route
# expect: Kernel IP routing table
# expect: Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
# expect: default         gateway         0.0.0.0         UG    0      0        0 veth0
# expect: 192.168.1.0     0.0.0.0         255.255.255.0   U     0      0        0 veth0

# Networks with netmask or /prefix, a host route with a metric, a device route, a reject route.
ip netns exec client route add -net 10.1.0.0 netmask 255.255.0.0 gw 192.168.1.2
ip netns exec client route add -net 10.3.0.0/16 gw 192.168.1.2 dev veth0
ip netns exec client route add -host 10.2.3.4 gw 192.168.1.3 metric 5
ip netns exec client route add -net 10.4.0.0/16 dev veth0
ip netns exec client route add -net 172.16.0.0 netmask 255.255.0.0 reject
# A dotted quad without -net is a host.
ip netns exec client route add 10.5.0.0 gw 192.168.1.2
# A second default route: route adds it in front of the first.
ip netns exec client route add default gw 192.168.1.254 dev veth0
ip netns exec client route -n
# expect: 0.0.0.0         192.168.1.254   0.0.0.0         UG    0      0        0 veth0
# expect: 0.0.0.0         192.168.1.1     0.0.0.0         UG    0      0        0 veth0
# expect: 10.1.0.0        192.168.1.2     255.255.0.0     UG    0      0        0 veth0
# expect: 10.2.3.4        192.168.1.3     255.255.255.255 UGH   5      0        0 veth0
# expect: 10.3.0.0        192.168.1.2     255.255.0.0     UG    0      0        0 veth0
# expect: 10.4.0.0        0.0.0.0         255.255.0.0     U     0      0        0 veth0
# expect: 10.5.0.0        192.168.1.2     255.255.255.255 UGH   0      0        0 veth0
# expect: 172.16.0.0      -               255.255.0.0     !     0      -        0 -
# expect: 192.168.1.0     0.0.0.0         255.255.255.0   U     0      0        0 veth0
ip netns exec client netstat -rn
# expect: Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
# expect: 10.2.3.4        192.168.1.3     255.255.255.255 UGH       0 0          0 veth0
# expect: 172.16.0.0      -               255.255.0.0     !         - -          - -
ip netns exec client ip route
# expect: default via 192.168.1.254 dev veth0
# expect: default via 192.168.1.1 dev veth0
# expect: 10.2.3.4 via 192.168.1.3 dev veth0 metric 5
# expect: 10.4.0.0/16 dev veth0 scope link
# expect: unreachable 172.16.0.0/16 scope host

# What route checks itself (usage follows, status 3), and what the kernel refuses (status 7).
ip netns exec client route add -net 10.6.0.0 netmask 255.0.255.0 gw 192.168.1.2
# expect: route: bogus netmask 255.0.255.0
# expect: Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
# expect-status: 3
ip netns exec client route add -net 10.6.0.1 netmask 255.255.0.0 gw 192.168.1.2
# expect: route: netmask doesn't match route address
# expect-status: 3
ip netns exec client route add -net 10.6.0.0/16 gw 10.9.9.9
# expect: SIOCADDRT: Network is unreachable
# expect-status: 7
ip netns exec client route add -net 10.6.0.0/16 gw 192.168.1.2 dev veth9
# expect: SIOCADDRT: No such device
# expect-status: 7
ip netns exec client route add -net 10.6.0.0/16
# expect: SIOCADDRT: No such device
# expect-status: 7

# Deleting: the first match goes; a route that is not there is "No such process".
ip netns exec client route del default
ip netns exec client route -n
# expect-not: 0.0.0.0         192.168.1.254*
# expect: 0.0.0.0         192.168.1.1     0.0.0.0         UG    0      0        0 veth0
ip netns exec client route del -net 10.1.0.0 netmask 255.255.0.0
ip netns exec client route del -net 10.3.0.0/16 gw 192.168.1.9
# expect: SIOCDELRT: No such process
# expect-status: 7
ip netns exec client route del -net 10.3.0.0/16 gw 192.168.1.2
ip netns exec client route del -host 10.2.3.4
ip netns exec client route del -net 172.16.0.0/16 reject
ip netns exec client route del -net 10.99.0.0/16
# expect: SIOCDELRT: No such process
# expect-status: 7
ip netns exec client route -n
# expect: 0.0.0.0         192.168.1.1     0.0.0.0         UG    0      0        0 veth0
# expect: 10.4.0.0        0.0.0.0         255.255.0.0     U     0      0        0 veth0
# expect: 10.5.0.0        192.168.1.2     255.255.255.255 UGH   0      0        0 veth0
# expect: 192.168.1.0     0.0.0.0         255.255.255.0   U     0      0        0 veth0
# expect-not: 10.1.0.0*
# expect-not: 10.2.3.4*
# expect-not: 172.16.0.0*

# A device going down takes its routes; a new namespace has no main table yet (status 1).
ip netns exec client ifconfig veth0 down
ip netns exec client route -n
# expect-not: *veth0
# expect-status: 0
ip netns add empty
ip netns exec empty route -n
# expect: Kernel IP routing table
# expect-status: 1

ip netns del empty
ip netns del client
ip netns del router
rm -rf /etc/netns/client
