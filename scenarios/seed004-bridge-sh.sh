#!/bin/bash
# Seed 004's bridge.sh run as written: a script of setup/cleanup functions, sourced, then
# configured with exports. setup builds demobridge (192.168.45.2) with the namespace liuye behind
# it, masquerades it out of the host's NIC enp0s3 and points the namespace's resolver at 8.8.8.8
# (/etc/netns/liuye/resolv.conf); www.aliyun.com resolves through its CNAME and answers. cleanup
# removes it all, rules included. The seed's host had "alias rm='rm -i'" (its trace shows
# "rm -i -rf"); without it bash traces the command as written. Expected lines as bash 5.2, Linux
# 6.18 and iputils 20221126 printed them in the same world built with netsim validate.
#
#   liuye: veth2 192.168.45.3 ═ veth1 ── demobridge 192.168.45.2 ─ host ─ enp0s3 10.0.2.15 ── switch ── gateway 10.0.2.2
#                                        (MASQUERADE -s 192.168.45.0/24 -o enp0s3)                          ║ internet
#                                                                      8.8.8.8 (DNS), xjp-adns.aliyun.com.gds.alibabadns.com 47.88.251.173
#
# netsim: uplink enp0s3 10.0.2.15/24 gateway 10.0.2.2

cd ~
cat > ~/bridge.sh << 'EOF'
#!/bin/bash

export namespace=liuye

export ifname_outside_ns=veth1
export ifname_inside_ns=veth2
export ifname_external=""

export ip_bridge=""
export ip_inside_ns=""

export ip_net=""
export ip_netmask=""
export ip_broadcast=""

export bridge_name=demobridge

function setup(){
set -x

ip link add ${bridge_name} type bridge
ip link set ${bridge_name} up

ip addr add ${ip_bridge}/${ip_netmask} broadcast ${ip_broadcast} dev ${bridge_name}

ip netns add ${namespace}

ip link add ${ifname_outside_ns} type veth peer name ${ifname_inside_ns}

ip link set ${ifname_outside_ns} up

ip link set ${ifname_outside_ns} master ${bridge_name}

ip link set ${ifname_inside_ns} netns ${namespace}

ip netns exec ${namespace} ip link set ${ifname_inside_ns} up
ip netns exec ${namespace} ip addr add ${ip_inside_ns}/${ip_netmask} broadcast ${ip_broadcast} dev ${ifname_inside_ns}

ip netns exec ${namespace} ip link set lo up

ip netns exec ${namespace} ip route add default via ${ip_bridge} dev ${ifname_inside_ns}

iptables -t nat -A POSTROUTING -s ${ip_net}/${ip_netmask} -o ${ifname_external} -j MASQUERADE

iptables -t filter -A FORWARD -i ${ifname_external} -o ${bridge_name} -j ACCEPT
iptables -t filter -A FORWARD -i ${bridge_name} -o ${ifname_external} -j ACCEPT

echo 1 > /proc/sys/net/ipv4/ip_forward

mkdir -p /etc/netns/${namespace}
echo "nameserver 8.8.8.8" > /etc/netns/${namespace}/resolv.conf

set +x
}

function cleanup(){
set -x

iptables -t filter -D FORWARD -i ${ifname_external} -o ${bridge_name} -j ACCEPT
iptables -t filter -D FORWARD -i ${bridge_name} -o ${ifname_external} -j ACCEPT

iptables -t nat -D POSTROUTING -s ${ip_net}/${ip_netmask} -o ${ifname_external} -j MASQUERADE

ip link delete ${ifname_outside_ns}

ip netns delete ${namespace}
rm -rf /etc/netns/${namespace}

ip link set ${bridge_name} down

brctl delbr ${bridge_name}

set +x
}

export -f setup
export -f cleanup
EOF

# 配置
source bridge.sh
export ifname_external="enp0s3" # 主机的外网网卡
export ip_bridge=192.168.45.2 # 网桥的ip
export ip_inside_ns=192.168.45.3 # 位于网络命名空间内的veth接口的ip
export ip_net=192.168.45.0 # 网桥以及veth接口的网络
export ip_netmask=255.255.255.0 # 子网掩码
export ip_broadcast=192.168.45.255 # 广播ip
setup
# expect: + ip link add demobridge type bridge
# expect: + ip link set demobridge up
# expect: + ip addr add 192.168.45.2/255.255.255.0 broadcast 192.168.45.255 dev demobridge
# expect: + ip netns add liuye
# expect: + ip link add veth1 type veth peer name veth2
# expect: + ip link set veth1 up
# expect: + ip link set veth1 master demobridge
# expect: + ip link set veth2 netns liuye
# expect: + ip netns exec liuye ip link set veth2 up
# expect: + ip netns exec liuye ip addr add 192.168.45.3/255.255.255.0 broadcast 192.168.45.255 dev veth2
# expect: + ip netns exec liuye ip link set lo up
# expect: + ip netns exec liuye ip route add default via 192.168.45.2 dev veth2
# expect: + iptables -t nat -A POSTROUTING -s 192.168.45.0/255.255.255.0 -o enp0s3 -j MASQUERADE
# expect: + iptables -t filter -A FORWARD -i enp0s3 -o demobridge -j ACCEPT
# expect: + iptables -t filter -A FORWARD -i demobridge -o enp0s3 -j ACCEPT
# expect: + echo 1
# expect: + mkdir -p /etc/netns/liuye
# expect: + echo 'nameserver 8.8.8.8'
# expect: + set +x

# 测试网络连通性
ip netns exec ${namespace} ping -c 3 www.aliyun.com
# expect: PING xjp-adns.aliyun.com.gds.alibabadns.com (47.88.251.173) 56(84) bytes of data.
# expect: 64 bytes from 47.88.251.173 (47.88.251.173): icmp_seq=1 ttl=32 time={time} ms
# expect: --- xjp-adns.aliyun.com.gds.alibabadns.com ping statistics ---
# expect: 3 packets transmitted, 3 received, 0% packet loss, time {n}ms
# expect-status: 0

# 清理
cleanup
# expect: + iptables -t filter -D FORWARD -i enp0s3 -o demobridge -j ACCEPT
# expect: + iptables -t filter -D FORWARD -i demobridge -o enp0s3 -j ACCEPT
# expect: + iptables -t nat -D POSTROUTING -s 192.168.45.0/255.255.255.0 -o enp0s3 -j MASQUERADE
# expect: + ip link delete veth1
# expect: + ip netns delete liuye
# expect: + rm -rf /etc/netns/liuye
# expect: + ip link set demobridge down
# expect: + brctl delbr demobridge
# expect: + set +x

# Nothing is left behind.
iptables -S
# expect: -P INPUT ACCEPT
# expect: -P FORWARD ACCEPT
# expect: -P OUTPUT ACCEPT
# expect-not: -A *
iptables -t nat -S
# expect: -P POSTROUTING ACCEPT
# expect-not: -A *
ip netns list
# expect-not: liuye*
ip link show demobridge
# expect: Device "demobridge" does not exist.
# expect-status: 1
