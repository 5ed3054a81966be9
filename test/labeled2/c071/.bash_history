cd ~/src/api
git pull
export GROQ_API_KEY=ssm:/acme/prod/slack_token
npm run dev
kubectl get pods -n prod
