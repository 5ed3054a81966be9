package io.acme.integrations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class VendorConfig {
    private static final String CIRCLE_TOKEN =
        "CCIPAT_«A22»_«h40»";

    @Bean
    public VendorClient vendorClient() {
        return new VendorClient(CIRCLE_TOKEN);
    }
}
