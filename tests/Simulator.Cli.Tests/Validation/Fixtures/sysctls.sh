#!/bin/bash
# Validation fixture: settings of the scenario's host, read and written with sysctl and through
# /proc/sys, compared with the kernel's. Only commands the model has on every branch.
#
#   host (one namespace, nothing else)

sysctl net.ipv4.ip_forward
# expect: net.ipv4.ip_forward = 0
sysctl -w net.ipv4.ip_forward=1
# expect: net.ipv4.ip_forward = 1
echo 0 > /proc/sys/net/ipv4/conf/default/rp_filter
sysctl net.ipv4.conf.default.rp_filter
# expect: net.ipv4.conf.default.rp_filter = 0
sysctl net.ipv4.no_such_setting
# expect-status: 1
sysctl -w kernel.hostname=validation
ip link add bond0 type bond
ip link set bond0 up
ping 127.0.0.1
