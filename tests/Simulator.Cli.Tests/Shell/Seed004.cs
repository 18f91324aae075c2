namespace Simulator.Cli.Tests.Shell;

/// <summary>
/// Scripts and <c>set -x</c> transcripts copied from seed 004 (bridge.sh and macvlan.sh), as the
/// author typed and saw them.
/// </summary>
internal static class Seed004
{
    internal const string BridgeSession = """
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

        # 测试网络连通性(如果不通的话,可能是被防火墙拦截了)
        ip netns exec ${namespace} ping -c 3 www.aliyun.com

        # 清理
        cleanup

        """;

    internal const string BridgeSetupTrace = """
        + ip link add demobridge type bridge
        + ip link set demobridge up
        + ip addr add 192.168.45.2/255.255.255.0 broadcast 192.168.45.255 dev demobridge
        + ip netns add liuye
        + ip link add veth1 type veth peer name veth2
        + ip link set veth1 up
        + ip link set veth1 master demobridge
        + ip link set veth2 netns liuye
        + ip netns exec liuye ip link set veth2 up
        + ip netns exec liuye ip addr add 192.168.45.3/255.255.255.0 broadcast 192.168.45.255 dev veth2
        + ip netns exec liuye ip link set lo up
        + ip netns exec liuye ip route add default via 192.168.45.2 dev veth2
        + iptables -t nat -A POSTROUTING -s 192.168.45.0/255.255.255.0 -o enp0s3 -j MASQUERADE
        + iptables -t filter -A FORWARD -i enp0s3 -o demobridge -j ACCEPT
        + iptables -t filter -A FORWARD -i demobridge -o enp0s3 -j ACCEPT
        + echo 1
        + mkdir -p /etc/netns/liuye
        + echo 'nameserver 8.8.8.8'
        + set +x
        """;

    internal const string BridgeCleanupTrace = """
        + iptables -t filter -D FORWARD -i enp0s3 -o demobridge -j ACCEPT
        + iptables -t filter -D FORWARD -i demobridge -o enp0s3 -j ACCEPT
        + iptables -t nat -D POSTROUTING -s 192.168.45.0/255.255.255.0 -o enp0s3 -j MASQUERADE
        + ip link delete veth1
        + ip netns delete liuye
        + rm -i -rf /etc/netns/liuye
        + ip link set demobridge down
        + brctl delbr demobridge
        + set +x
        """;

    internal const string MacvlanScript = """
        cat > ~/macvlan.sh << 'EOF'
        #!/bin/bash

        export macvlan_mode=""

        export namespace1=liuye1
        export namespace2=liuye2

        export ifname_external=""
        export ifname_macvlan1=macvlan1
        export ifname_macvlan2=macvlan2

        export ip_host=""
        export default_gateway=""
        export ip_macvlan1=""
        export ip_macvlan2=""
        export ip_netmask=""

        function setup() {
        set -x

        ip link add ${ifname_macvlan1} link ${ifname_external} type macvlan mode ${macvlan_mode}
        ip link add ${ifname_macvlan2} link ${ifname_external} type macvlan mode ${macvlan_mode}

        ip netns add ${namespace1}
        ip netns add ${namespace2}

        ip link set ${ifname_macvlan1} netns ${namespace1}
        ip link set ${ifname_macvlan2} netns ${namespace2}

        ip netns exec ${namespace1} ip link set ${ifname_macvlan1} up
        ip netns exec ${namespace1} ip addr add ${ip_macvlan1}/${ip_netmask} dev ${ifname_macvlan1}
        if [ -z "${default_gateway}" ]; then
        ip netns exec ${namespace1} ip route add default dev ${ifname_macvlan1}
        else
        ip netns exec ${namespace1} ip route add default via ${default_gateway} dev ${ifname_macvlan1}
        fi

        ip netns exec ${namespace2} ip link set ${ifname_macvlan2} up
        ip netns exec ${namespace2} ip addr add ${ip_macvlan2}/${ip_netmask} dev ${ifname_macvlan2}
        if [ -z "${default_gateway}" ]; then
        ip netns exec ${namespace2} ip route add default dev ${ifname_macvlan2}
        else
        ip netns exec ${namespace2} ip route add default via ${default_gateway} dev ${ifname_macvlan2}
        fi

        set +x
        }

        function cleanup() {
        set -x
        ip netns exec ${namespace1} ip link delete ${ifname_macvlan1}
        ip netns exec ${namespace2} ip link delete ${ifname_macvlan2}

        ip netns delete ${namespace1}
        ip netns delete ${namespace2}
        set +x
        }

        export -f setup
        export -f cleanup
        EOF
        """;

    internal const string MacvlanBridgeWithGateway = """
        # 配置
        source macvlan.sh
        export ifname_external="enp0s3" # 主机的外网网卡
        export macvlan_mode="bridge"
        export ip_host="10.0.2.15" # 主机ip
        export default_gateway="10.0.2.2" # 默认路由网关ip
        export ip_macvlan1="10.0.2.16" # macvlan接口1的ip
        export ip_macvlan2="10.0.2.17" # macvlan接口2的ip
        export ip_netmask="255.255.255.0" # macvlan接口的子网掩码
        setup
        """;

    internal const string MacvlanBridgeWithGatewayTrace = """
        + ip link add macvlan1 link enp0s3 type macvlan mode bridge
        + ip link add macvlan2 link enp0s3 type macvlan mode bridge
        + ip netns add liuye1
        + ip netns add liuye2
        + ip link set macvlan1 netns liuye1
        + ip link set macvlan2 netns liuye2
        + ip netns exec liuye1 ip link set macvlan1 up
        + ip netns exec liuye1 ip addr add 10.0.2.16/255.255.255.0 dev macvlan1
        + '[' -z 10.0.2.2 ']'
        + ip netns exec liuye1 ip route add default via 10.0.2.2 dev macvlan1
        + ip netns exec liuye2 ip link set macvlan2 up
        + ip netns exec liuye2 ip addr add 10.0.2.17/255.255.255.0 dev macvlan2
        + '[' -z 10.0.2.2 ']'
        + ip netns exec liuye2 ip route add default via 10.0.2.2 dev macvlan2
        + set +x
        """;

    internal const string MacvlanBridgeWithoutGateway = """
        # 配置
        source macvlan.sh
        export ifname_external="enp0s3" # 主机的外网网卡
        export macvlan_mode="bridge"
        export ip_host="10.0.2.15" # 主机ip
        export default_gateway="" # 默认路由网关ip
        export ip_macvlan1="192.168.100.1" # macvlan接口1的ip
        export ip_macvlan2="192.168.200.1" # macvlan接口2的ip
        export ip_netmask="255.255.255.0" # macvlan接口的子网掩码
        setup
        """;

    internal const string MacvlanBridgeWithoutGatewayTrace = """
        + ip link add macvlan1 link enp0s3 type macvlan mode bridge
        + ip link add macvlan2 link enp0s3 type macvlan mode bridge
        + ip netns add liuye1
        + ip netns add liuye2
        + ip link set macvlan1 netns liuye1
        + ip link set macvlan2 netns liuye2
        + ip netns exec liuye1 ip link set macvlan1 up
        + ip netns exec liuye1 ip addr add 192.168.100.1/255.255.255.0 dev macvlan1
        + '[' -z '' ']'
        + ip netns exec liuye1 ip route add default dev macvlan1
        + ip netns exec liuye2 ip link set macvlan2 up
        + ip netns exec liuye2 ip addr add 192.168.200.1/255.255.255.0 dev macvlan2
        + '[' -z '' ']'
        + ip netns exec liuye2 ip route add default dev macvlan2
        + set +x
        """;
}
