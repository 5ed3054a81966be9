package io.acme.integrations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class VendorConfig {
    private static final String VERCEL_TOKEN =
        "«A24»";

    @Bean
    public VendorClient vendorClient() {
        return new VendorClient(VERCEL_TOKEN);
    }
}
