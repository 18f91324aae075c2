#!/bin/bash
# REJECT against DROP as ping sees them. REJECT in FORWARD answers from the router with the
# chosen ICMP error; DROP is silence; REJECT in OUTPUT of the pinging host makes sendmsg fail
# with EPERM, and ping reports it only when the ICMP error, addressed to the host itself, gets
# through OUTPUT too (a rule matching all ICMP rejects that error as well: then ping is silent).
# Expected lines are what ping (iputils 20221126) printed on Linux 6.18.
#
#   a 192.168.1.2 --- lan0 r wan0 --- b 100.100.100.2
#               192.168.1.1   100.100.100.1

for ns in a r b; do ip netns add $ns; done
ip link add eth0 netns a type veth peer name lan0 netns r
ip link add wan0 netns r type veth peer name eth0 netns b
ip -n a addr add 192.168.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n a route add default via 192.168.1.1
ip -n r addr add 192.168.1.1/24 dev lan0
ip -n r addr add 100.100.100.1/24 dev wan0
ip -n r link set lan0 up
ip -n r link set wan0 up
ip -n b addr add 100.100.100.2/24 dev eth0
ip -n b link set eth0 up
ip -n b route add default via 100.100.100.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1

ip netns exec r iptables -A FORWARD -p icmp -j REJECT
ip netns exec a ping -c 2 -i 0.3 100.100.100.2
# expect-status: 1
# expect: From 192.168.1.1 icmp_seq=1 Destination Port Unreachable
# expect: From 192.168.1.1 icmp_seq=2 Destination Port Unreachable
# expect: 2 packets transmitted, 0 received, +2 errors, 100% packet loss, time {time}ms

ip netns exec r iptables -R FORWARD 1 -p icmp -j REJECT --reject-with icmp-admin-prohibited
ip netns exec a ping -c 1 100.100.100.2
# expect-status: 1
# expect: From 192.168.1.1 icmp_seq=1 Packet filtered

ip netns exec r iptables -R FORWARD 1 -p icmp -j REJECT --reject-with icmp-host-prohibited
ip netns exec a ping -c 1 100.100.100.2
# expect: From 192.168.1.1 icmp_seq=1 Destination Host Prohibited

ip netns exec r iptables -R FORWARD 1 -p icmp -j DROP
ip netns exec a ping -c 2 -i 0.3 -W 1 100.100.100.2
# expect-status: 1
# expect: 2 packets transmitted, 0 received, 100% packet loss, time {time}ms
# expect-not: From *
ip netns exec r iptables -F

# REJECT on the target itself answers from the pinged address.
ip netns exec b iptables -A INPUT -p icmp -j REJECT
ip netns exec a ping -c 1 100.100.100.2
# expect: From 100.100.100.2 icmp_seq=1 Destination Port Unreachable
ip netns exec b iptables -F

# REJECT in OUTPUT: the error comes back to a itself, through a's loopback, so lo must be up
# (with lo down, as in a new namespace, the error is lost and ping prints nothing at all).
ip -n a link set lo up
ip netns exec a iptables -A OUTPUT -p icmp --icmp-type echo-request -j REJECT
ip netns exec a ping -c 2 -i 0.3 100.100.100.2
# expect-status: 1
# expect: From 192.168.1.2 icmp_seq=1 Destination Port Unreachable
# expect: ping: sendmsg: Operation not permitted
# expect: 2 packets transmitted, 0 received, +2 errors, 100% packet loss, time {time}ms
ip netns exec a iptables -L OUTPUT -v -n
# expect:     2   168 REJECT     1    --  *      *       0.0.0.0/0            0.0.0.0/0            icmptype 8 reject-with icmp-port-unreachable

# With every ICMP packet rejected, the error is rejected too: ping says nothing.
ip netns exec a iptables -R OUTPUT 1 -p icmp -j REJECT
ip netns exec a ping -c 2 -i 0.3 100.100.100.2
# expect-status: 1
# expect: 2 packets transmitted, 0 received, 100% packet loss, time {time}ms
# expect-not: ping: sendmsg*
ip netns exec a iptables -L OUTPUT -v -n
# expect:     4   392 REJECT     1    --  *      *       0.0.0.0/0            0.0.0.0/0            reject-with icmp-port-unreachable

for ns in a r b; do ip netns del $ns; done
