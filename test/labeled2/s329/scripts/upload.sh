#!/bin/sh
azcopy copy ./dump.sql "https://acmebackups.blob.core.windows.net/db?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2027-06-01T00:00:00Z&st=2026-11-01T00:00:00Z&spr=https&sig=«b43»%3D"
