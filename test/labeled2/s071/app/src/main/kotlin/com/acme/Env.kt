package com.acme

object Env {
    const val BASE_URL = "https://api.acme.io"
    const val AZURE_STORAGE_CONNECTION_STRING = "DefaultEndpointsProtocol=https;AccountName=acmeprod«d3»;AccountKey=«b86»==;EndpointSuffix=core.windows.net"
}
