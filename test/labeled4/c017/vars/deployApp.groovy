def call(Map args) {
  withEnv(["DIGITALOCEAN_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]) {
    sh "./gradlew publish -Pstage=${args.stage}"
  }
}
