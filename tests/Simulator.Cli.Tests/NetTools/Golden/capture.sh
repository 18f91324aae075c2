#!/usr/bin/env bash
# Captures the golden transcripts that GoldenTranscriptTests replays against NetSim: each file
# is a list of net-tools commands run on a real kernel, with what they printed (stdout and
# stderr interleaved, as a terminal shows them) and their exit status.
#
# Run as root on a machine with iproute2 and net-tools: sudo ./capture.sh
# Everything happens in throwaway network namespaces (and /etc/netns/<them>), removed at exit.
#
# A file starts with "# setup:" lines that the replay rebuilds through the model API:
#   veth              veth-a (02:00:00:00:00:0a) in the namespace under test, its peer veth-b
#                     (02:00:00:00:00:0b) in another, both down, IPv6 off (NetSim has none)
#   peer CIDR         veth-b gets CIDR and goes up
#   lo                lo is up in the namespace under test
#   link NAME MAC     another veth, NAME (with MAC) here and its peer in the other namespace
#   bridge-port       veth-a is enslaved to a bridge (kept down), which holds a promiscuity count
#   file PATH TEXT    a line of /etc/hosts or /etc/networks as the namespace sees it
# Steps are "$ COMMAND", its output, "[rc=N]"; "@ ping ADDR" sends one echo request
# (iputils ping here, the model's raw socket in the replay) whose output is not compared;
# "@ sleep S" is time that passed (the replay lets as much virtual time pass).
set -u
cd "$(dirname "$0")"
A=gold$$a B=gold$$b
[ -d /etc/netns ] && had_etc_netns=1 || had_etc_netns=0
cleanup() { ip netns del $A 2>/dev/null; ip netns del $B 2>/dev/null; rm -rf /etc/netns/$A; }
finish() { cleanup; [ $had_etc_netns = 1 ] || rmdir /etc/netns 2>/dev/null; }
trap finish EXIT

begin() {
  cleanup
  exec 3>"$1"
  echo "# Captured by capture.sh: net-tools $(dpkg-query -W -f='${Version}' net-tools), Linux $(uname -r)." >&3
  ip netns add $A; ip netns add $B
  mkdir -p /etc/netns/$A; : > /etc/netns/$A/resolv.conf; : > /etc/netns/$A/hosts; : > /etc/netns/$A/networks
}
setup() {
  echo "# setup: $*" >&3
  case $1 in
    veth)
      for n in $A $B; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
      ip link add veth-a netns $A address 02:00:00:00:00:0a type veth peer name veth-b netns $B address 02:00:00:00:00:0b ;;
    peer) ip -n $B addr add "$2" dev veth-b; ip -n $B link set veth-b up ;;
    lo) ip -n $A link set lo up ;;
    link) ip link add "$2" netns $A address "$3" type veth peer name "p-$2" netns $B ;;
    bridge-port) ip -n $A link add br0 type bridge; ip -n $A link set veth-a master br0 ;;
    file) echo "${*:3}" >> /etc/netns/$A/"${2#/etc/}" ;;
  esac
}
step() {
  echo "\$ $*" >&3
  timeout 10 ip netns exec $A stdbuf -oL "$@" >&3 2>&1
  echo "[rc=$?]" >&3
  # linkwatch applies a change of operational state (RUNNING) up to a second later; wait for it,
  # so that the transcript shows the settled state, which is the one the model has at once.
  if [ "$1" = ifconfig ] && [ $# -gt 2 ]; then echo "@ sleep 1.1" >&3; sleep 1.1; fi
}
ping_peer() { echo "@ ping $1" >&3; ip netns exec $A ping -c 1 -W 1 "$1" >/dev/null; }

# Seed 002's client: an address without a netmask is classful, and the route follows it.
begin ifconfig-classful.txt
setup veth
step ifconfig veth-a 10.0.100.1
step ifconfig veth-a
step route add default gw 10.0.100.254
step netstat -rn
step route -n
step ifconfig veth-a 10.0.100.1/24
step ifconfig veth-a
step route -n
step ifconfig veth-a 10.0.100.7/32
step ifconfig veth-a
step ifconfig veth-a 0.0.0.0
step ifconfig veth-a
step route -n
step ifconfig veth-a down
step ifconfig
step ifconfig -a
step ifconfig veth-a 192.168.5.5 broadcast 192.168.5.127
step ifconfig veth-a
step ifconfig veth-a netmask 255.255.255.128
step ifconfig veth-a
step ifconfig veth-a mtu 1400 txqueuelen 500 hw ether 02:00:00:00:00:aa
step ifconfig veth-a
step ifconfig veth-a:1 10.6.0.1
step ifconfig veth-a:2 10.7.0.1 netmask 255.255.0.0
step ifconfig -a
step netstat -ia
step ifconfig veth-a:1 down
step ifconfig veth-a:5 up
step ifconfig veth-a:5
step ifconfig -a -s

# Counters, flags and the neighbour table after one ping; promiscuous mode on and off.
begin ifconfig-traffic.txt
setup veth
setup peer 10.0.0.2/24
step ifconfig veth-a 10.0.0.1 netmask 255.255.255.0 up
step ifconfig veth-a
ping_peer 10.0.0.2
step ifconfig
step netstat -i
step arp -n
step arp -a
step arp
step ifconfig veth-a promisc
step netstat -i
step ifconfig veth-a
step ifconfig veth-a -promisc
step netstat -ie
step ifconfig veth-a -arp
step netstat -i
step ifconfig veth-a
step ifconfig veth-a arp
step netstat -i
step arp -s 10.0.0.9 02:00:00:00:00:09
step arp -s 10.0.0.10 02:00:00:00:00:10 temp
step arp -n
step arp -an
step arp -n -i veth-a 10.0.0.9
step arp -n 10.0.0.77
step arp -n -i veth9
step arp -d 10.0.0.9
step arp -d 10.0.0.9
step arp -s 10.9.9.9 02:00:00:00:00:09
step arp -s 10.0.0.11 zz
step arp -i veth9 -s 10.0.0.11 02:00:00:00:00:11
step arp -s
step arp -s 10.0.0.11
ping_peer 10.0.0.3
step arp -n
step arp -a -n

# ifconfig's errors and exit statuses.
begin ifconfig-errors.txt
setup veth
step ifconfig veth9
step ifconfig veth9 10.0.0.1
step ifconfig veth9 up
step ifconfig veth9 mtu 1400
step ifconfig veth9 netmask 255.255.255.0
step ifconfig veth-a netmask 255.255.255.0
step ifconfig veth-a broadcast 10.0.0.255
step ifconfig veth-a 300.1.1.1
step ifconfig veth-a 224.0.0.1
step ifconfig veth-a
step ifconfig veth-a 10.0.0.1 netmask 255.0.255.0
step ifconfig veth-a mtu 20
step ifconfig veth-a mtu 70000
step ifconfig veth-a hw ether 01:00:00:00:00:01
step ifconfig veth-a hw ether zz
step ifconfig veth-a 10.1.2.3/33
step ifconfig veth-a
step ifconfig -z
step ifconfig averyveryverylongname

# route: adding and deleting through SIOCADDRT/SIOCDELRT, and the kernel's answers.
begin route.txt
setup veth
setup peer 192.168.1.1/24
step route -n
step route add default gw 192.168.1.1
step ifconfig veth-a 192.168.1.88/24 up
step route add default gw 192.168.1.1
step route add default gw 192.168.1.1
step route add default gw 192.168.1.1 metric 3
step route add default gw 192.168.1.254 dev veth-a
step route add default gw 10.9.9.9 dev veth-a
step route add default gw 192.168.1.1 dev veth9
step route add -net 10.1.0.0 netmask 255.255.0.0 gw 192.168.1.2
step route add -net 10.1.0.0 netmask 255.0.255.0 gw 192.168.1.2
step route add -net 10.1.0.1 netmask 255.255.0.0 gw 192.168.1.2
step route add -host 10.1.0.1 netmask 255.255.0.0 gw 192.168.1.2
step route add 10.2.0.0 gw 192.168.1.2
step route add -net 10.3.0.0/16 gw 192.168.1.2
step route add -net 10.4.0.0/16 veth-a
step route add -net 10.5.0.0/16 gw 192.168.1.88
step route add -net 10.6.0.0/16 gw 192.168.1.0
step route add -net 10.7.0.0/16 gw 192.168.1.255
step route add -net 10.8.0.0/16
step route add -net 10.8.0.0/16 reject
step route add -net 10.9.0.0/16 gw default
step route add -host 10.2.3.4 gw 192.168.1.3 metric 5
step route add -net 10.10.0.0/abc dev veth-a
step route add -net 10.11.0.0/16 dev veth-a:1
step route -n
step netstat -rn
step route -ne
step route -nee
step route del default
step route -n
step route del default
step route del -net 10.1.0.0 netmask 255.255.0.0
step route del -net 10.3.0.0/16 gw 192.168.1.9
step route del -net 10.3.0.0/16 gw 192.168.1.2
step route del 10.2.0.0
step route del -host 10.4.0.0
step route del -net 10.4.0.0/16 dev veth9
step route del -net 10.4.0.0 netmask 255.255.0.0 dev veth-a
step route del -net 10.8.0.0/16
step route del -net 10.8.0.0/16 reject
step route del -net 10.99.0.0/16
step route add -net 10.13.0.0/16 gw 192.168.1.5 metric 2
step route del -net 10.13.0.0/16 metric 3
step route del -net 10.13.0.0/16 metric 0
step route -n
step route flush
step route bogus
step route add
step route add -net
step route -C
step ifconfig veth-a down
step route add -net 10.12.0.0/16 dev veth-a
step route -n

# route and arp without -n: names from /etc/hosts and /etc/networks, numbers when the lookup fails.
begin route-names.txt
setup veth
setup peer 192.168.1.1/24
setup lo
setup file /etc/hosts 192.168.1.1 gateway
setup file /etc/hosts 10.2.3.4 farhost
setup file /etc/networks link-local 169.254.0.0
step ifconfig veth-a 192.168.1.88/24 up
step route add default gw gateway
step route add -host farhost gw 192.168.1.3
step route add -net link-local netmask 255.255.0.0 dev veth-a
step route add -net 10.9.0.0/16 gw nosuchhost
step route add -net nosuchnet/16 dev veth-a
step route add -net 10.10.0.0/16 gw link-local
step route
step route -n
step netstat -r
ping_peer 192.168.1.1
step arp
step arp -a

# Seed 000: a bridge port is promiscuous, but netstat -i shows P only for the user's flag.
begin promisc-bridge-port.txt
setup veth
setup peer 10.0.0.2/24
setup bridge-port
step ifconfig veth-a up
step netstat -i
step ifconfig veth-a promisc
step netstat -i
step ifconfig veth-a -promisc
step netstat -i
step ifconfig veth-a

# The order ifconfig lists interfaces in: nstrcmp, trailing numbers and alias numbers numerically.
begin interface-order.txt
setup veth
for n in veth1 veth10 veth2 eth0 b1c b1 b10c veth01 x9y x10y; do setup link $n 02:00:00:00:01:$(printf %02x ${#n}); done
step ifconfig veth1:10 10.1.0.10
step ifconfig veth1:2 10.2.0.2
step ifconfig veth1:1- 10.3.0.1
step ifconfig veth1 10.4.0.1
step ifconfig -a -s
step netstat -i

# Usage, help and version texts: to stderr after an error, to stdout when asked for (the lists
# of hardware types and address families always to stderr).
begin usage.txt
setup veth
step ifconfig veth-a 10.0.0.1/x
step ifconfig veth-a 10.0.0.1 netmask
step ifconfig -h
step ifconfig -V
step route -h
step route -z
step route bogus
step route add
step route add -net
step route flush
step route -V
step netstat -h
step netstat -z
step netstat -V
step arp -h
step arp -z
step arp -i
step arp -V
step arp -s 10.0.0.1 02:00:00:00:00:01 bogus
