package config

import "time"

const (
	DefaultTimeout = 30 * time.Second
	MysqlUrl    = "mysql://reporting:«A16»@mysql.prod.acme.io:3306/analytics"
)

type Config struct {
	Addr string
}
