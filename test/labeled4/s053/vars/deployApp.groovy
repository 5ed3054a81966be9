def call(Map args) {
  withEnv(["DIGITALOCEAN_TOKEN=dop_v1_«h64»"]) {
    sh "./gradlew publish -Pstage=${args.stage}"
  }
}
