#!/bin/bash
# tcpdump on a veth while ping crosses it: the one-line formats with -e, -n and on the any device,
# a count, kill, -w then -r, promiscuous mode in the kernel log, and tcpdump's errors. Expected
# lines are what tcpdump 4.99.3 (libpcap 1.10.3) printed for the same commands on Linux 6.18;
# times (??:??:??.??????), MACs and ping ids vary between runs. On a real machine the sleeps give
# tcpdump time to start, and -l --immediate-mode make it print each packet as it comes, as it does
# on a terminal (otherwise libpcap hands packets over a buffer at a time, up to 1 s late).
#
#   initial namespace                ns1
#   +----------------+            +----------------+
#   | veth-a         |------------| veth-b         |
#   | 10.0.0.1/24    |    veth    | 10.0.0.2/24    |
#   +----------------+            +----------------+

ip netns add ns1
ip link add veth-a type veth peer name veth-b
ip link set veth-b netns ns1
ip addr add 10.0.0.1/24 dev veth-a
ip link set veth-a up
ip netns exec ns1 ip addr add 10.0.0.2/24 dev veth-b
ip netns exec ns1 ip link set veth-b up

# In the background tcpdump prints each packet as it crosses veth-a, between ping's lines.
tcpdump -l --immediate-mode -i veth-a -en icmp &
# expect: tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
# expect: listening on veth-a, link-type EN10MB (Ethernet), snapshot length 262144 bytes
sleep 1
ping -c 2 10.0.0.2
# expect: PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.
# expect: ??:??:??.?????? {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id {n}, seq 1, length 64
# expect: ??:??:??.?????? {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 10.0.0.2 > 10.0.0.1: ICMP echo reply, id {n}, seq 1, length 64
# expect: 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time={time} ms
# expect: ??:??:??.?????? {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id {n}, seq 2, length 64
# expect: ??:??:??.?????? {mac} > {mac}, ethertype IPv4 (0x0800), length 98: 10.0.0.2 > 10.0.0.1: ICMP echo reply, id {n}, seq 2, length 64
# expect: 2 packets transmitted, 2 received, 0% packet loss, time {n}ms
# expect-not: *ARP*
sleep 1

# SIGTERM: a newline on stdout (a line may have been cut short), then the statistics.
kill %%
# expect: 
# expect: 4 packets captured
# expect: 4 packets received by filter
# expect: 0 packets dropped by kernel
sleep 1

# Promiscuous while it ran; this kernel words it "veth-a: entered promiscuous mode".
dmesg
# expect: [*] veth-a: entered promiscuous mode
# expect: [*] veth-a: left promiscuous mode

# ARP too; -c ends the capture by itself, without the extra newline.
ip netns exec ns1 ip neigh flush dev veth-b
ip netns exec ns1 tcpdump -l --immediate-mode -i veth-b -n -c 4 arp or icmp &
sleep 1
ip netns exec ns1 ping -c 1 10.0.0.1
# expect: ??:??:??.?????? ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28
# expect: ??:??:??.?????? ARP, Reply 10.0.0.1 is-at {mac}, length 28
# expect: ??:??:??.?????? IP 10.0.0.2 > 10.0.0.1: ICMP echo request, id {n}, seq 1, length 64
# expect: ??:??:??.?????? IP 10.0.0.1 > 10.0.0.2: ICMP echo reply, id {n}, seq 1, length 64
# expect: 4 packets captured
# expect: 1 packets transmitted, 1 received, 0% packet loss, time 0ms
wait

# The any device: interface and direction on each line, and the cooked link type.
tcpdump -l --immediate-mode -i any -n icmp &
# expect: tcpdump: data link type LINUX_SLL2
# expect: listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes
sleep 1
ping -c 1 10.0.0.2
# expect: ??:??:??.?????? veth-a Out IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id {n}, seq 1, length 64
# expect: ??:??:??.?????? veth-a In  IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id {n}, seq 1, length 64
sleep 1
kill %%
# expect: 2 packets captured
sleep 1

# -w writes a savefile (here into the scenario's files) instead of printing; -r reads it back.
tcpdump -i veth-a -w /tmp/ping.pcap icmp &
# expect: tcpdump: listening on veth-a, link-type EN10MB (Ethernet), snapshot length 262144 bytes
sleep 1
ping -c 1 10.0.0.2
sleep 1
# expect-not: ??:??:??.?????? *
kill %%
# expect: 2 packets captured
sleep 1
tcpdump -r /tmp/ping.pcap -nv
# expect: reading from file /tmp/ping.pcap, link-type EN10MB (Ethernet), snapshot length 262144
# expect: ??:??:??.?????? IP (tos 0x0, ttl 64, id {n}, offset 0, flags [DF], proto ICMP (1), length 84)
# expect:     10.0.0.1 > 10.0.0.2: ICMP echo request, id {n}, seq 1, length 64
# expect:     10.0.0.2 > 10.0.0.1: ICMP echo reply, id {n}, seq 1, length 64
# expect-status: 0

# Errors, as tcpdump words them.
tcpdump -i veth9 -en icmp
# expect: tcpdump: veth9: No such device exists
# expect: (No such device exists)
# expect-status: 1
tcpdump -i veth-a 'icmp and'
# expect: tcpdump: can't parse filter expression: syntax error
# expect-status: 1
tcpdump -i veth-a host nosuchhost.invalid
# expect: tcpdump: unknown host 'nosuchhost.invalid'
# expect-status: 1
ip link set veth-a down
tcpdump -i veth-a
# expect: tcpdump: veth-a: That device is not up
# expect-status: 1

ip netns del ns1
