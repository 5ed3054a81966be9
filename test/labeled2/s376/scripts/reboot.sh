#!/bin/sh
sshpass -p '«A10»8!' ssh root@10.0.0.5 reboot
