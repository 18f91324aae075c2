#!/bin/bash
# netcat (netcat-openbsd 1.219-1) over UDP between two namespaces: a listener that takes the
# first sender as its peer, a client that quits a second after its stdin ends (-q 1), and the
# -z probe that calls a port closed when the X it sent comes back as port unreachable.
# Expected lines are what the real netcat printed on Linux 6.18 for the same commands (the
# client's port is random there, hence {n}).
#
#   ns-client                      ns-server
#   +----------------+            +----------------+
#   | veth-c         |------------| veth-s         |
#   | 10.0.0.1/24    |    veth    | 10.0.0.2/24    |
#   +----------------+            +----------------+

ip netns add ns-client
ip netns add ns-server
ip link add veth-c netns ns-client type veth peer name veth-s netns ns-server
ip -n ns-client addr add 10.0.0.1/24 dev veth-c
ip -n ns-client link set veth-c up
ip -n ns-client link set lo up
ip -n ns-server addr add 10.0.0.2/24 dev veth-s
ip -n ns-server link set veth-s up
ip -n ns-server link set lo up

# 1. A UDP listener in the background: bound, waiting for a first datagram.
ip netns exec ns-server nc -luvn 9100 &
# expect: Bound on 0.0.0.0 9100
# Give the listener a moment, as a real script must (validation runs the kernel side in real time).
sleep 0.2

# 2. One datagram; the client quits a second after stdin ends (UDP has no end of stream).
echo hello-udp | ip netns exec ns-client nc -u -q 1 10.0.0.2 9100
# expect: Connection received on 10.0.0.1 {n}
# expect: hello-udp
# expect-status: 0

# 3. The listener stays (nothing tells it the client left) until it is killed.
kill %1
wait %1
# expect-status: 143

# 4. -z probes with X's for three seconds; an open port takes them silently.
ip netns exec ns-server nc -lu 9101 > /dev/null &
# Give the listener a moment, as a real script must (validation runs the kernel side in real time).
sleep 0.2
ip netns exec ns-client nc -uzvn 10.0.0.2 9101
# expect: Connection to 10.0.0.2 9101 port [udp/*] succeeded!
# expect-status: 0
kill %%

# 5. A closed port answers the first X with port unreachable: the second X fails, quietly.
ip netns exec ns-client nc -uzvn 10.0.0.2 9999
# expect-not: Connection to*
# expect-status: 1

# 6. Without -v or -z nothing is probed: the datagram goes, the port-unreachable answer ends the
#    read side, and with stdin over netcat ends without complaint.
echo lost | ip netns exec ns-client nc -u 10.0.0.2 9999
# expect-status: 0

ip netns del ns-client
ip netns del ns-server
