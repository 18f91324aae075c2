#!/bin/bash
# A port forward (issue 4): the router's PREROUTING DNAT sends TCP port 8080 on its outside
# address to port 80 of a server behind it, and netcat carries a line through. The server sees
# the client's own address; conntrack on the router holds both directions of the connection.
# Expected lines are what netcat-openbsd 1.219-1 and conntrack-tools 1.4.7 printed on Linux 6.18
# for the same commands (ports are random there, hence {n}).
#
#   client                    router                          server
#   +-------------+          +------------------------+      +-------------+
#   | c0          |----------| r0              r1     |------| s0          |
#   | 10.0.0.1/24 |   veth   | 10.0.0.254/24   10.0.1.254/24 | 10.0.1.2/24 |
#   +-------------+          +------------------------+      +-------------+
#        default via .254     ip_forward=1                      default via .254
#                             DNAT tcp dport 8080 -> 10.0.1.2:80

ip netns add client
ip netns add router
ip netns add server
ip link add c0 netns client type veth peer name r0 netns router
ip link add r1 netns router type veth peer name s0 netns server
ip -n client addr add 10.0.0.1/24 dev c0
ip -n router addr add 10.0.0.254/24 dev r0
ip -n router addr add 10.0.1.254/24 dev r1
ip -n server addr add 10.0.1.2/24 dev s0
for ns in client router server; do ip -n $ns link set lo up; done
ip -n client link set c0 up
ip -n router link set r0 up
ip -n router link set r1 up
ip -n server link set s0 up
ip -n client route add default via 10.0.0.254
ip -n server route add default via 10.0.1.254
ip netns exec router sysctl -w net.ipv4.ip_forward=1
# expect: net.ipv4.ip_forward = 1

# 1. Without the forward, nothing listens on the router's 8080: refused.
ip netns exec client nc -vn 10.0.0.254 8080
# expect: nc: connect to 10.0.0.254 port 8080 (tcp) failed: Connection refused
# expect-status: 1

# 2. The forward: TCP to the router's port 8080 goes to the server's port 80.
ip netns exec router iptables -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 10.0.1.2:80
ip netns exec server nc -lvn 80 &
# expect: Listening on 0.0.0.0 80
sleep 0.2
echo "through the router" | ip netns exec client nc -vn -N 10.0.0.254 8080
# expect: Connection to 10.0.0.254 8080 port [tcp/*] succeeded!
# expect: Connection received on 10.0.0.1 {n}
# expect: through the router
# expect-status: 0
wait %%
# expect-status: 0

# 3. The router's connection, a moment later: both FINs seen, the last ACK too.
sleep 1
ip netns exec router conntrack -L
# expect: tcp      6 {n} TIME_WAIT src=10.0.0.1 dst=10.0.0.254 sport={n} dport=8080 src=10.0.1.2 dst=10.0.0.1 sport=80 dport={n} [ASSURED] mark=0 use=1

ip netns del client
ip netns del router
ip netns del server
