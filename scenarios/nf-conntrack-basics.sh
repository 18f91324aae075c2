#!/bin/bash
# Connection tracking in a fresh namespace: nothing is tracked and conntrack lists nothing until
# a rule needs conntrack; the timeouts are the kernel's defaults and can be changed per
# namespace. Expected lines are what conntrack v1.4.7, iptables v1.8.9 and procps sysctl printed
# on Linux 6.18 for the same commands.
#
#   +--------+
#   |  ct0   |   (no links: the table is inspected, not fed)
#   +--------+

ip netns add ct0
ip netns exec ct0 conntrack -L
# expect-status: 0
# expect: conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.
ip netns exec ct0 conntrack -C
# expect: 0

ip netns exec ct0 sysctl net.netfilter.nf_conntrack_icmp_timeout net.netfilter.nf_conntrack_udp_timeout
# expect: net.netfilter.nf_conntrack_icmp_timeout = 30
# expect: net.netfilter.nf_conntrack_udp_timeout = 30
ip netns exec ct0 sysctl net.netfilter.nf_conntrack_tcp_timeout_established
# expect: net.netfilter.nf_conntrack_tcp_timeout_established = 432000
ip netns exec ct0 sysctl -w net.netfilter.nf_conntrack_icmp_timeout=2
# expect: net.netfilter.nf_conntrack_icmp_timeout = 2

# A rule that needs conntrack switches tracking on.
ip netns exec ct0 iptables -A INPUT -m conntrack --ctstate INVALID -j DROP
ip netns exec ct0 iptables -S INPUT
# expect: -A INPUT -m conntrack --ctstate INVALID -j DROP

ip netns exec ct0 conntrack -S
# expect: cpu=0   	found=0 invalid=0 insert=0 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 

ip netns exec ct0 conntrack -L -p foo
# expect-status: 2
# expect: conntrack v1.4.7 (conntrack-tools): `foo' unsupported protocol
# expect: Try `conntrack -h' or 'conntrack --help' for more information.

ip netns exec ct0 conntrack -D -p icmp
# expect-status: 1
# expect: conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.

ip netns exec ct0 conntrack -F
# expect-status: 0
# expect: conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.

ip netns del ct0
