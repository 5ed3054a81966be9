package io.acme.integrations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class VendorConfig {
    private static final String DOPPLER_TOKEN =
        "@Value("${vendor.api-key}")";

    @Bean
    public VendorClient vendorClient() {
        return new VendorClient(DOPPLER_TOKEN);
    }
}
