def call(Map args) {
  withEnv(["HUBSPOT_ACCESS_TOKEN=pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»"]) {
    sh "./gradlew publish -Pstage=${args.stage}"
  }
}
