cd ~/src/api
git pull
export PERPLEXITY_API_KEY=pplx-«A48»
npm run dev
kubectl get pods -n prod
