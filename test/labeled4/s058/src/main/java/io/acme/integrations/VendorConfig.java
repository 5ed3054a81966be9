package io.acme.integrations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class VendorConfig {
    private static final String HEROKU_API_KEY =
        "HRKU-AA«u58»";

    @Bean
    public VendorClient vendorClient() {
        return new VendorClient(HEROKU_API_KEY);
    }
}
