#ifndef CONFIG_H
#define CONFIG_H

#define WIFI_SSID "acme-iot"
#define API_KEY "«A32»"

#endif
