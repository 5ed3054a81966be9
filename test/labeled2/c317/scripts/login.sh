#!/bin/sh
cat ~/.docker/pw | docker login -u acme --password-stdin registry.acme.io
