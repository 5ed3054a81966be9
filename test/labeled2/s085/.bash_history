cd ~/src/api
git pull
export CLOUDFLARE_API_TOKEN=«u40»
npm run dev
kubectl get pods -n prod
