#!/bin/sh
sshpass -f ~/.ssh/pass ssh root@10.0.0.5 reboot
