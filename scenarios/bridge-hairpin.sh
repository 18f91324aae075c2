#!/bin/bash
# Hairpin (seed 004's "Hairpin 模式的 Bridge" for VEPA): a reflective relay. Below br0's port p1
# sits an edge that does not switch between its stations (a VEPA switch: here a bridge whose
# station ports are isolated and which does not learn), so A and B can only talk if br0 sends
# their frames back out of the port they came in on. Checked on Linux 6.18 in namespaces: 100%
# loss with hairpin off, replies with it on (brctl, bridge link or sysfs all set it).
#
#     A 10.0.0.1 ── pa ┐ (isolated)
#                      edge ── upl ──── p1 ── br0
#     B 10.0.0.2 ── pb ┘ (isolated)          (hairpin on p1?)

ip netns add edge
ip netns add A
ip netns add B
ip link add br0 type bridge
ip link set br0 up
ip link add p1 type veth peer name upl netns edge
ip link set p1 master br0
ip link set p1 up
ip netns exec edge ip link add edge type bridge ageing_time 0
ip netns exec edge ip link set edge up
ip netns exec edge ip link set upl master edge
ip netns exec edge ip link set upl up
ip netns exec edge ip link add pa type veth peer name eth0 netns A
ip netns exec edge ip link add pb type veth peer name eth0 netns B
for d in pa pb; do
  ip netns exec edge ip link set $d master edge
  ip netns exec edge ip link set $d up
  ip netns exec edge bridge link set dev $d isolated on
done
ip netns exec A ip addr add 10.0.0.1/24 dev eth0
ip netns exec A ip link set eth0 up
ip netns exec B ip addr add 10.0.0.2/24 dev eth0
ip netns exec B ip link set eth0 up

ip netns exec edge bridge -d link show dev pa
# expect:     hairpin off guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated on locked off

# Hairpin off: B's answers come up to br0 on p1 and would have to leave by p1.
ip netns exec A ping -c 2 -W 1 10.0.0.2
# expect: 2 packets transmitted, 0 received, 100% packet loss, time {n}ms
# expect-status: 1

# A's neighbour entry for B is still probing when that ping ends (its third probe goes at 2 s,
# it fails at 3 s): wait for it to fail, so the next ping starts a fresh resolution instead of
# racing the last probe.
sleep 2
brctl hairpin br0 p1 on
bridge -d link show dev p1
# expect:     hairpin on guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off
cat /sys/class/net/br0/brif/p1/hairpin_mode
# expect: 1
ip netns exec A ping -c 2 10.0.0.2
# expect: 64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time={time} ms
# expect: 2 packets transmitted, 2 received, 0% packet loss, time {n}ms

# The other two ways to say it.
bridge link set dev p1 hairpin off
ip netns exec A ip neigh flush dev eth0
ip netns exec A ping -c 1 -W 1 10.0.0.2
# expect: 1 packets transmitted, 0 received, 100% packet loss, time 0ms
echo 1 > /sys/class/net/br0/brif/p1/hairpin_mode
ip netns exec A ping -c 1 10.0.0.2
# expect: 1 packets transmitted, 1 received, 0% packet loss, time 0ms
