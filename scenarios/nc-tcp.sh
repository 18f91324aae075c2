#!/bin/bash
# netcat (netcat-openbsd 1.219-1) over TCP between two namespaces: a listener in the
# background, a client that sends a line, a refused connection, a port check, a connect that
# times out behind a firewall, and a name netcat is told not to look up. Expected lines are what
# the real netcat printed on Linux 6.18 for the same commands (the client's port is random
# there, hence {n}).
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

# 1. A listener in the background says where it listens (-v; -n: no name lookups).
ip netns exec ns-server nc -lvn 9000 &
# expect: Listening on 0.0.0.0 9000
# Give the listener a moment, as a real script must (validation runs the kernel side in real time).
sleep 0.2

# 2. The client sends a line; -N closes its sending side when stdin ends. The listener prints
#    the line as it arrives, sees the end of the stream and exits; its FIN ends the client.
echo hello | ip netns exec ns-client nc -vn -N 10.0.0.2 9000
# expect: Connection to 10.0.0.2 9000 port [tcp/*] succeeded!
# expect: Connection received on 10.0.0.1 {n}
# expect: hello
# expect-status: 0
wait %1
# expect-status: 0

# 3. The listener can talk first: a here-string goes to whoever connects, and -N closes after it.
#    The client has nothing to say (stdin is /dev/null): the listener's FIN ends it.
ip netns exec ns-server nc -l -N 9003 <<< "from the server" &
# Give the listener a moment, as a real script must (validation runs the kernel side in real time).
sleep 0.2
ip netns exec ns-client nc 10.0.0.2 9003 < /dev/null
# expect: from the server
# expect-status: 0
wait %%
# expect-status: 0

# 4. Nothing listens on 9001: the reset refuses the connection (-v says so; the status is 1 either way).
ip netns exec ns-client nc -vn 10.0.0.2 9001
# expect: nc: connect to 10.0.0.2 port 9001 (tcp) failed: Connection refused
# expect-status: 1
ip netns exec ns-client nc -n 10.0.0.2 9001
# expect-not: nc: connect*
# expect-status: 1

# 5. -z connects and closes at once: a port check. -k keeps the listener for the next one.
ip netns exec ns-server nc -lk 9002 &
# Give the listener a moment, as a real script must (validation runs the kernel side in real time).
sleep 0.2
ip netns exec ns-client nc -zvn 10.0.0.2 9002
# expect: Connection to 10.0.0.2 9002 port [tcp/*] succeeded!
# expect-status: 0
ip netns exec ns-client nc -zvn 10.0.0.2 9002-9003
# expect: Connection to 10.0.0.2 9002 port [tcp/*] succeeded!
# expect: nc: connect to 10.0.0.2 port 9003 (tcp) failed: Connection refused
# expect-status: 0
kill %%
wait %%
# expect-status: 143

# 6. A firewall that drops the SYNs: -w 2 gives up after two seconds.
ip netns exec ns-server iptables -A INPUT -p tcp --dport 9004 -j DROP
ip netns exec ns-client nc -vn -w 2 10.0.0.2 9004
# expect: nc: connect to 10.0.0.2 port 9004 (tcp) timed out: Operation now in progress
# expect-status: 1

# 7. With -n a name is not looked up at all.
ip netns exec ns-client nc -n server.example 9000
# expect: nc: getaddrinfo for host "server.example" port 9000: Name or service not known
# expect-status: 1

ip netns del ns-client
ip netns del ns-server
