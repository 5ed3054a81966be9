CREATE DATABASE IF NOT EXISTS inventory;

ALTER DATABASE inventory
  DEFAULT CHARACTER SET utf8mb4
  DEFAULT COLLATE utf8mb4_unicode_ci;

CREATE USER IF NOT EXISTS 'inventory'@'%' IDENTIFIED BY 'inventory';

GRANT ALL PRIVILEGES ON inventory.* TO 'inventory'@'%';
