module Acme.Config (vendorKey) where

vendorKey :: String
vendorKey =
  "napi_«a64»"
