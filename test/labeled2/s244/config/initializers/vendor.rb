# frozen_string_literal: true

Rails.application.configure do
  config.x.vendor.timeout = 10
  config.x.vendor.redis_url = "rediss://default:«A32»@redis-«d5».c12.us-east-1-2.ec2.cloud.redislabs.com:«d5»"
end
