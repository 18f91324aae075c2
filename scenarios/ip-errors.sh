#!/bin/bash
# ip refuses bad input in iproute2 6.1's words and with its exit statuses: 1 when a lookup
# fails, 2 when the kernel refuses, 255 when iproute2 itself rejects the arguments.
# Every message and status below was printed by the real tools (Linux 6.18, iproute2 6.1).
#
#   initial namespace
#   +---------------------------+
#   | veth0 <--veth--> veth1    |
#   +---------------------------+

ip link add veth0 type veth peer name veth1
ip addr add 10.0.0.1/24 dev veth0

# Unknown devices
ip link set v9 up
# expect: Cannot find device "v9"
# expect-status: 1
ip link show v9
# expect: Device "v9" does not exist.
# expect-status: 1
ip addr add 10.0.0.5/24 dev v9
# expect: Cannot find device "v9"
# expect-status: 1
ip link del v9
# expect: Cannot find device "v9"
# expect-status: 1

# Names already taken
ip link add veth0 type veth
# expect: RTNETLINK answers: File exists
# expect-status: 2
ip link set veth0 name veth1
# expect: RTNETLINK answers: File exists
# expect-status: 2
ip netns add red
ip netns add red
# expect: Cannot create namespace file "/run/netns/red": File exists
# expect-status: 1

# Addresses
ip addr add 10.0.0.1/33 dev veth0
# expect: Error: any valid prefix is expected rather than "10.0.0.1/33".
# expect-status: 1
ip addr add 10.0.0.1/24 dev veth0
# expect: Error: ipv4: Address already assigned.
# expect-status: 2
ip addr del 10.0.0.9/24 dev veth0
# expect: Error: ipv4: Address not found.
# expect-status: 2

# Links
ip link add foo type nosuchkind
# expect: Error: Unknown device type.
# expect-status: 2
ip link add veth9
# expect: Not enough information: "type" argument is required
# expect-status: 1
ip link set veth0 mtu 70000
# expect: Error: mtu greater than device maximum.
# expect-status: 2
ip link set veth0 mtu 60
# expect: Error: mtu less than device minimum.
# expect-status: 2
ip link set veth0 address zz
# expect: "zz" is invalid lladdr.
# expect-status: 1
ip link set lo netns red
# expect: Error: The interface netns is immutable.
# expect-status: 2
ip link del lo
# expect: RTNETLINK answers: Operation not supported
# expect-status: 2
ip link set veth0 foo
# expect: Error: either "dev" is duplicate, or "foo" is a garbage.
# expect-status: 255

# Routes
ip route add 10.1.0.0/16 to 10.2.0.0/16 dev veth0
# expect: Error: either "to" is duplicate, or "10.2.0.0/16" is a garbage.
# expect-status: 255
ip route add 10.2.0.1/16 dev veth0
# expect: Error: Invalid prefix for given prefix length.
# expect-status: 2
ip route del 10.2.0.0/16
# expect: RTNETLINK answers: No such process
# expect-status: 2
ip route get 11.0.0.1
# expect: RTNETLINK answers: Network is unreachable
# expect-status: 2

# Objects and commands ip does not know
ip foo
# expect: Object "foo" is unknown, try "ip help".
# expect-status: 1
ip link foo
# expect: Command "foo" is unknown, try "ip link help".
# expect-status: 255
ip addr foo
# expect: Command "foo" is unknown, try "ip address help".
# expect-status: 255

# Namespaces
ip netns exec nosuchns ip link
# expect: Cannot open network namespace "nosuchns": No such file or directory
# expect-status: 255
ip netns exec red nosuchprog
# expect: exec of "nosuchprog" failed: No such file or directory
# expect-status: 1
ip netns delete nosuchns
# expect: Cannot remove namespace file "/run/netns/nosuchns": No such file or directory
# expect-status: 1
ip netns exec
# expect: No netns name specified
# expect-status: 1

# What NetSim does not model fails and says so.
ip -6 route
# expect: netsim: ip -6 (NetSim models IPv4 only) is not modelled
# expect-status: 2
ip xfrm state
# expect: netsim: ip xfrm is not modelled
# expect-status: 2
ip -j link
# expect: netsim: ip -j (JSON output) is not modelled
# expect-status: 2

ip netns delete red
ip link del veth0
