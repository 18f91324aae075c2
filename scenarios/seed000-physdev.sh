#!/bin/bash
# Seed 000 with its firewall: br1 bridges the host's NIC eth0 to the namespace ns2, the host's
# address moves to br1, and the filter table's FORWARD policy is DROP. Bridged IPv4 goes through
# the iptables chains (net.bridge.bridge-nf-call-iptables is 1 in a fresh namespace), so ns2 and
# the LAN cannot talk until the two -m physdev rules accept what crosses between eth0 and veth1,
# one rule per direction, and their counters move as in the seed (whose NIC was ens9f0). A
# scenario's commands run on the host, so ns2 pings the LAN's host2 rather than host2 pinging
# ns2: the frames cross br1 the same two ways. ARP passes untouched (arptables is not involved).
# The seed's slips are corrected as in bridge-seed000-uplink.sh. Expected lines as Linux 6.18,
# iptables 1.8.9 (nf_tables) and iputils 20221126 printed them in the same world built with
# netsim validate.
#
#   ns2: veth2 192.168.1.88 ══ veth1 ┐
#                                    br1 192.168.1.87 ── eth0 ══ switch ══ host2   192.168.1.100
#        FORWARD policy DROP         (host)                            ══ gateway 192.168.1.1
#
# netsim: uplink eth0 192.168.1.87/24 gateway 192.168.1.1
# netsim: lan-host host2 192.168.1.100/24

sysctl net.bridge.bridge-nf-call-iptables
# expect: net.bridge.bridge-nf-call-iptables = 1

iptables -t filter -P FORWARD DROP
iptables -t filter -S
# expect: -P INPUT ACCEPT
# expect: -P FORWARD DROP
# expect: -P OUTPUT ACCEPT

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

# The host itself is not forwarded: br1's own traffic goes through INPUT and OUTPUT.
ping -c 1 192.168.1.100
# expect: 1 packets transmitted, 1 received, 0% packet loss, time 0ms

# Without rules the bridge's FORWARD drops what crosses it.
ip netns exec ns2 ping -c 2 -W 1 192.168.1.100
# expect: 2 packets transmitted, 0 received, 100% packet loss, time {n}ms
# expect-status: 1
iptables -L FORWARD -v -n
# expect: Chain FORWARD (policy DROP 2 packets, 168 bytes)

iptables -t filter -A FORWARD -m physdev --physdev-in eth0 --physdev-out veth1 -j ACCEPT
iptables -t filter -A FORWARD -m physdev --physdev-out eth0 --physdev-in veth1 -j ACCEPT
iptables -Z FORWARD
ip netns exec ns2 ping -c 3 192.168.1.100
# expect: 64 bytes from 192.168.1.100: icmp_seq=1 ttl=64 time={time} ms
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
ip netns exec ns2 ping -c 1 192.168.1.1
# expect: 1 packets transmitted, 1 received, 0% packet loss, time 0ms
iptables -L FORWARD -v -n
# expect: Chain FORWARD (policy DROP 0 packets, 0 bytes)
# expect:     4   336 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            PHYSDEV match --physdev-in eth0 --physdev-out veth1
# expect:     4   336 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            PHYSDEV match --physdev-in veth1 --physdev-out eth0
iptables -t filter -S FORWARD
# expect: -A FORWARD -m physdev --physdev-in eth0 --physdev-out veth1 -j ACCEPT
# expect: -A FORWARD -m physdev --physdev-in veth1 --physdev-out eth0 -j ACCEPT

# Taking the rules away closes the bridge again.
iptables -t filter -F FORWARD
ip netns exec ns2 ping -c 1 -W 1 192.168.1.100
# expect: 1 packets transmitted, 0 received, 100% packet loss, time 0ms
# expect-status: 1

iptables -t filter -P FORWARD ACCEPT
ip netns del ns2
ip link set br1 down
brctl delbr br1
